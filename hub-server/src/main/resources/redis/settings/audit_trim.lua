-- Drops the first n audit entries, only if entry n is still the one the caller judged old enough
-- (entries are unique and only ever added at the tail or dropped at the head, so this proves the
-- whole prefix is unchanged).
-- ARGV: key, n, expected JSON of entry n (1-based).
local key, n, expected = ARGV[1], tonumber(ARGV[2]), ARGV[3]
if redis.call('LINDEX', key, n - 1) ~= expected then return 0 end
redis.call('LTRIM', key, n, -1)
return 1
