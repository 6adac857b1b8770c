-- A survivor connection now shows this conversation: counted in the conversation's hash (field
-- sockets), and its away mark, if any, removed. Counting in Redis rather than per node means a survivor
-- whose new connection reached another node before the old one closed is not marked away.
-- ARGV: prefix, id. Returns 1 when it was marked away, else 0 (also when it is not live).
local p, id = ARGV[1], ARGV[2]
local conv = p .. 'conv:' .. id
if redis.call('EXISTS', conv) == 0 then return 0 end
redis.call('HINCRBY', conv, 'sockets', 1)
return redis.call('HDEL', p .. 'away', id)
