-- Every live conversation (queued and active), each as its flat field/value list.
-- ARGV: prefix. Ids whose conversation expired (every node was down past its deadline) are dropped
-- from the indexes on the way; this runs from the timeout sweep, so the queue is cleaned here too.
local p = ARGV[1]
local live = p .. 'live'
local queue = p .. 'queue'
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', live)) do
  local h = redis.call('HGETALL', p .. 'conv:' .. id)
  if #h == 0 then
    redis.call('SREM', live, id)
    redis.call('HDEL', p .. 'active', id)
  else
    out[#out + 1] = h
  end
end
for _, e in ipairs(redis.call('LRANGE', queue, 0, -1)) do
  if redis.call('EXISTS', p .. 'conv:' .. string.match(e, '^[^|]+')) == 0 then redis.call('LREM', queue, 0, e) end
end
return out
