-- Removes the first lead a start made when that start fails, only while the account is still stored exactly as
-- that start saved it: an account anyone has changed since (or a new one under that name) is left alone.
-- KEYS: the accounts. ARGV: username, account JSON as saved. Returns 1 when removed, 0 otherwise.
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
return 1
