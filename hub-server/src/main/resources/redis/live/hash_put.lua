-- Sets one field of a hash and re-arms the hash's expiry, in one step (no key without a TTL).
-- KEYS: the hash. ARGV: field, value, ttlMillis.
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
