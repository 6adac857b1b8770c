-- Remembers a recent queue wait, keeping only the last few.
-- KEYS: the list. ARGV: seconds, keep, ttlMillis.
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
