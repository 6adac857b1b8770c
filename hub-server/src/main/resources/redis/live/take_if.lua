-- Deletes a value only while it still holds the expected one: a claim is given up by its holder alone.
-- KEYS: the value. ARGV: expected. Returns 1 when it deleted the value, else 0.
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
