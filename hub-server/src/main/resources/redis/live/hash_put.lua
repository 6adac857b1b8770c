-- Sets one field of a hash and re-arms the hash's expiry, in one step (no key without a TTL).
-- ARGV: key, field, value, ttlMillis.
redis.call('HSET', ARGV[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', ARGV[1], ARGV[4])
return 1
