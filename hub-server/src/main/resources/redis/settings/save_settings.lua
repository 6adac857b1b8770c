-- Replaces the program settings and counts the change in one step, so the version a node announces
-- afterwards is the one its own write produced.
-- KEYS: the settings, their version. ARGV: settings JSON. Returns the new version.
redis.call('SET', KEYS[1], ARGV[1])
return redis.call('INCR', KEYS[2])
