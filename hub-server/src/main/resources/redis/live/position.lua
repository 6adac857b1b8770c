-- 1-based position of a conversation in the queue, or 0 when it is not queued.
-- ARGV: prefix, id.
local p, id = ARGV[1], ARGV[2]
local entry = redis.call('HGET', p .. 'conv:' .. id, 'queueEntry')
if not entry then return 0 end
local index = redis.call('LPOS', p .. 'queue', entry)
if not index then return 0 end
return index + 1
