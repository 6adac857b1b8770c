-- Saves an account only when it is still as the caller read it (the stored JSON, '' for none): a change is never
-- made over another save of the same account that landed between the caller's read and this write.
-- KEYS: the accounts. ARGV: username, the JSON the caller read ('' for none), account JSON.
-- Returns 1 when saved, 0 when another save came first (the caller reads again and applies its change anew).
local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if current ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
