-- Removes the first lead a start made when that start fails, only while the account is still stored exactly as
-- that start saved it: an account anyone has changed since (or a new one under that name) is left alone.
-- ARGV: accounts key, username, account JSON as saved. Returns 1 when removed, 0 otherwise.
if redis.call('HGET', ARGV[1], ARGV[2]) ~= ARGV[3] then return 0 end
redis.call('HDEL', ARGV[1], ARGV[2])
return 1
