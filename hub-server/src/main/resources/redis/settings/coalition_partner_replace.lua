-- Replaces a coalition directory entry only while it exists: an admin's edit on one node never brings back an
-- entry another admin deleted on another.
-- ARGV: coalition partners key, entry id, entry JSON. Returns 1 when replaced, 0 when there was no such entry.
if redis.call('HEXISTS', ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', ARGV[1], ARGV[2], ARGV[3])
return 1
