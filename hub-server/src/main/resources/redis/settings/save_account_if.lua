-- Saves an account only when it is still as the caller read it (the stored JSON, '' for none): a change is never
-- made over another save of the same account that landed between the caller's read and this write.
-- ARGV: accounts key, username, the JSON the caller read ('' for none), account JSON.
-- Returns 1 when saved, 0 when another save came first (the caller reads again and applies its change anew).
local current = redis.call('HGET', ARGV[1], ARGV[2]) or ''
if current ~= ARGV[3] then return 0 end
redis.call('HSET', ARGV[1], ARGV[2], ARGV[4])
return 1
