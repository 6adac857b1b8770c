-- Takes one back from a counter still in its window: a try counted before its check that was not a failure.
-- KEYS: the counter. A counter that is gone (its window over, or reset) is not made again; its expiry stays. Returns 0.
if redis.call('PTTL', KEYS[1]) > 0 and tonumber(redis.call('GET', KEYS[1])) > 0 then redis.call('DECR', KEYS[1]) end
return 0
