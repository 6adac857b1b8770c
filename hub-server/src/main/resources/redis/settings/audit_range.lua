-- Audit entries from seq `fromSeq` (inclusive), at most `limit`. The list is a window of the chain
-- (pruning drops a prefix), so an entry's index is its seq minus the first kept entry's seq.
-- KEYS: the log. ARGV: fromSeq, limit.
local key, fromSeq, limit = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
if limit <= 0 then return {} end
local first = redis.call('LINDEX', key, 0)
if not first then return {} end
local start = fromSeq - cjson.decode(first).seq
if start < 0 then start = 0 end
return redis.call('LRANGE', key, start, start + limit - 1)
