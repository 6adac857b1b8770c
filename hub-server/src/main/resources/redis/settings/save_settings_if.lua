-- Replaces the program settings only when no save came in since the caller read them, and counts the change in
-- the same step (as save_settings.lua does).
-- ARGV: settings key, version key, the version the caller read ('' for none), settings JSON.
-- Returns the new version, or -1 when another save came first: the caller reads again and applies its change anew.
local current = redis.call('GET', ARGV[2]) or ''
if current ~= ARGV[3] then return -1 end
redis.call('SET', ARGV[1], ARGV[4])
return redis.call('INCR', ARGV[2])
