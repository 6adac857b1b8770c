-- A survivor connection now shows this conversation: counted in the conversation's hash (field
-- sockets), and its away mark, if any, removed. Counting in Redis rather than per node means a survivor
-- whose new connection reached another node before the old one closed is not marked away.
-- KEYS: conv:ID, away. ARGV: id. Returns 1 when it was marked away, else 0 (also when it is not live).
local conv, away, id = KEYS[1], KEYS[2], ARGV[1]
if redis.call('EXISTS', conv) == 0 then return 0 end
redis.call('HINCRBY', conv, 'sockets', 1)
return redis.call('HDEL', away, id)
