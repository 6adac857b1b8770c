-- Every live conversation (queued and active), each as its flat field/value list.
-- KEYS: live, active. ARGV: prefix (for the conversations listed). Ids whose conversation expired are dropped from
-- the index on the way.
local p = ARGV[1]
local live, active = KEYS[1], KEYS[2]
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', live)) do
  local h = redis.call('HGETALL', p .. 'conv:' .. id)
  if #h == 0 then
    redis.call('SREM', live, id)
    redis.call('HDEL', active, id)
  else
    out[#out + 1] = h
  end
end
return out
