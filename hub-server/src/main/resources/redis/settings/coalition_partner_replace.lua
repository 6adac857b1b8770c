-- Replaces a coalition directory entry only while it exists: an admin's edit on one node never brings back an
-- entry another admin deleted on another.
-- KEYS: the coalition partners. ARGV: entry id, entry JSON. Returns 1 when replaced, 0 when there was no such entry.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
