-- How many active conversations each advocate holds, as a flat advocate/count list.
-- KEYS: active. ARGV: prefix (for the conversations held). Entries whose conversation expired are dropped on the way.
local p = ARGV[1]
local active = KEYS[1]
local counts = {}
local entries = redis.call('HGETALL', active)
for i = 1, #entries, 2 do
  if redis.call('EXISTS', p .. 'conv:' .. entries[i]) == 1 then
    counts[entries[i + 1]] = (counts[entries[i + 1]] or 0) + 1
  else
    redis.call('HDEL', active, entries[i])
  end
end
local out = {}
for advocate, n in pairs(counts) do
  out[#out + 1] = advocate
  out[#out + 1] = n
end
return out
