-- Appends an audit entry only if the log's last entry is still the one its hash was chained to
-- (compare-and-set: the hash itself is computed in Java by AuditHash, the one definition of the chain).
-- The byte count of the log grows with it once it has been counted (audit_count.lua).
-- KEYS: the log, its byte count. ARGV: expected last entry JSON ('' for an empty log), new entry JSON.
-- Returns {1} when appended, or {0, actual last entry JSON} so the caller can chain again.
local key, bytesKey, expected, entry = KEYS[1], KEYS[2], ARGV[1], ARGV[2]
local last = redis.call('LINDEX', key, -1) or ''
if last ~= expected then return {0, last} end
redis.call('RPUSH', key, entry)
if redis.call('EXISTS', bytesKey) == 1 then redis.call('INCRBY', bytesKey, #entry) end
return {1}
