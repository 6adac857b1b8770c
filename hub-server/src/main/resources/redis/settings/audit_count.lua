-- Sets the audit log's byte count the first time it is needed (logs written before it existed):
-- the caller has summed the first n entries page by page, so Redis is never blocked by a long log;
-- this adds what was appended since and stores the total. Entry n must still be where the caller saw
-- it, else a prune moved the head and the caller counts again.
-- KEYS: the log, its byte count. ARGV: n, expected JSON of entry n (1-based; '' when n is 0), bytes of the n entries.
-- Returns the total, or -1 to count again.
local key, bytesKey, n, expected, bytes = KEYS[1], KEYS[2], tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
local known = redis.call('GET', bytesKey)
if known then return tonumber(known) end
if n > 0 and redis.call('LINDEX', key, n - 1) ~= expected then return -1 end
for _, entry in ipairs(redis.call('LRANGE', key, n, -1)) do bytes = bytes + #entry end
redis.call('SET', bytesKey, bytes)
return bytes
