-- Drops the first n audit entries, only if entry n is still the one the caller judged droppable
-- (entries are unique and only ever added at the tail or dropped at the head, so this proves the
-- whole prefix is unchanged, and with it the byte count the caller summed over it).
-- KEYS: the log, its byte count. ARGV: n, expected JSON of entry n (1-based), bytes of the n entries.
local key, bytesKey, n, expected, bytes = KEYS[1], KEYS[2], tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
if redis.call('LINDEX', key, n - 1) ~= expected then return 0 end
redis.call('LTRIM', key, n, -1)
if redis.call('EXISTS', bytesKey) == 1 then redis.call('DECRBY', bytesKey, bytes) end
return 1
