-- Saves an account only while there is no account at all: nodes starting together on an empty store
-- create one first lead between them, never two.
-- ARGV: accounts key, username, account JSON. Returns 1 when saved, 0 when an account already existed.
if redis.call('HLEN', ARGV[1]) > 0 then return 0 end
redis.call('HSET', ARGV[1], ARGV[2], ARGV[3])
return 1
