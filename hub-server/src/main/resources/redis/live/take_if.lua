-- Deletes a value only while it still holds the expected one: a claim is given up by its holder alone.
-- ARGV: key, expected. Returns 1 when it deleted the value, else 0.
if redis.call('GET', ARGV[1]) == ARGV[2] then return redis.call('DEL', ARGV[1]) end
return 0
