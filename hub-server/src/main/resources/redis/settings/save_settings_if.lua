-- Replaces the program settings only when no save came in since the caller read them, and counts the change in
-- the same step (as save_settings.lua does).
-- KEYS: the settings, their version. ARGV: the version the caller read ('' for none), settings JSON.
-- Returns the new version, or -1 when another save came first: the caller reads again and applies its change anew.
local current = redis.call('GET', KEYS[2]) or ''
if current ~= ARGV[1] then return -1 end
redis.call('SET', KEYS[1], ARGV[2])
return redis.call('INCR', KEYS[2])
