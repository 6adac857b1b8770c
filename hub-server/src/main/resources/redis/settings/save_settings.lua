-- Replaces the program settings and counts the change in one step, so the version a node announces
-- afterwards is the one its own write produced.
-- ARGV: settings key, version key, settings JSON. Returns the new version.
redis.call('SET', ARGV[1], ARGV[3])
return redis.call('INCR', ARGV[2])
