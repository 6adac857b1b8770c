-- Takes an advocate off shift, only if they hold no active conversation, counted as assign.lua counts them.
-- The check and the removal are one step: an accept or a transfer to them cannot land in between, and
-- assign.lua and transfer.lua refuse someone no longer on shift.
-- KEYS: active, shifts. ARGV: prefix (for the conversations held), advocate. Returns 1 when off shift now (also
-- when they were not on it), 0 while they hold one.
local p, advocate = ARGV[1], ARGV[2]
local active, shifts = KEYS[1], KEYS[2]

local entries = redis.call('HGETALL', active)
for i = 1, #entries, 2 do
  if entries[i + 1] == advocate then
    if redis.call('EXISTS', p .. 'conv:' .. entries[i]) == 1 then return 0 end
    redis.call('HDEL', active, entries[i])
  end
end
redis.call('HDEL', shifts, advocate)
return 1
