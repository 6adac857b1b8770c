-- Remembers a recent queue wait, keeping only the last few.
-- ARGV: key, seconds, keep, ttlMillis.
redis.call('RPUSH', ARGV[1], ARGV[2])
redis.call('LTRIM', ARGV[1], -tonumber(ARGV[3]), -1)
redis.call('PEXPIRE', ARGV[1], ARGV[4])
return 1
