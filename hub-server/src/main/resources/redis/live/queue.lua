-- The queue's entries, oldest first, and the away marks (id, epoch ms, ...) in one consistent read.
-- ARGV: prefix.
local p = ARGV[1]
return {redis.call('LRANGE', p .. 'queue', 0, -1), redis.call('HGETALL', p .. 'away')}
