-- A survivor connection of this conversation closed. When it was the last one open, the conversation
-- is marked away (hash p away: id -> epoch ms), keeping the first time if it already was.
-- KEYS: conv:ID, away. ARGV: id, at (epoch ms), ttlMillis. Returns 1 when it became away now, else 0.
local conv, away = KEYS[1], KEYS[2]
local id, at, ttl = ARGV[1], ARGV[2], ARGV[3]
if redis.call('EXISTS', conv) == 0 then return 0 end
local open = redis.call('HINCRBY', conv, 'sockets', -1)
if open > 0 then return 0 end
-- Below zero only if a count was lost (e.g. Redis was away when a connection opened): start again from none.
if open < 0 then redis.call('HSET', conv, 'sockets', 0) end
local marked = redis.call('HSETNX', away, id, at)
redis.call('PEXPIRE', away, ttl)
return marked
