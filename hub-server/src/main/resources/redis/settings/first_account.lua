-- Saves an account only while there is no account at all: nodes starting together on an empty store
-- create one first lead between them, never two.
-- KEYS: the accounts. ARGV: username, account JSON. Returns 1 when saved, 0 when an account already existed.
if redis.call('HLEN', KEYS[1]) > 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
