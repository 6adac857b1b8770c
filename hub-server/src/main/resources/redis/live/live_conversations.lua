-- Every live conversation (queued and active), each as its flat field/value list.
-- ARGV: prefix. Ids whose conversation expired are dropped from the index on the way.
local p = ARGV[1]
local live = p .. 'live'
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
return out
