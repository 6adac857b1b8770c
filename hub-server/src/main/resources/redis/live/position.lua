-- 1-based position of a conversation in the queue, or 0 when it is not queued.
-- KEYS: conv:ID, queue.
local entry = redis.call('HGET', KEYS[1], 'queueEntry')
if not entry then return 0 end
local index = redis.call('LPOS', KEYS[2], entry)
if not index then return 0 end
return index + 1
