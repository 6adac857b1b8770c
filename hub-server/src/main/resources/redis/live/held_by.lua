-- The active conversations one advocate holds, each as its flat field/value list.
-- KEYS: active. ARGV: prefix (for the conversations held), advocate. Entries whose conversation expired are
-- dropped on the way.
local p, advocate = ARGV[1], ARGV[2]
local active = KEYS[1]
local out = {}
local entries = redis.call('HGETALL', active)
for i = 1, #entries, 2 do
  if entries[i + 1] == advocate then
    local h = redis.call('HGETALL', p .. 'conv:' .. entries[i])
    if #h == 0 then redis.call('HDEL', active, entries[i]) else out[#out + 1] = h end
  end
end
return out
