-- Takes one back from a counter still in its window: a try counted before its check that was not a failure.
-- ARGV: key. A counter that is gone (its window over, or reset) is not made again; its expiry stays. Returns 0.
if redis.call('PTTL', ARGV[1]) > 0 and tonumber(redis.call('GET', ARGV[1])) > 0 then redis.call('DECR', ARGV[1]) end
return 0
