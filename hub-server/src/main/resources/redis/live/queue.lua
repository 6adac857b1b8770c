-- The queued conversations, oldest first, each as its flat field/value list.
-- ARGV: prefix. Ids whose conversation expired are dropped from the queue on the way.
local p = ARGV[1]
local queue = p .. 'queue'
local out = {}
for _, id in ipairs(redis.call('LRANGE', queue, 0, -1)) do
  local h = redis.call('HGETALL', p .. 'conv:' .. id)
  if #h == 0 then redis.call('LREM', queue, 0, id) else out[#out + 1] = h end
end
return out
