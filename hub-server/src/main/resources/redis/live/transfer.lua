-- Moves an active conversation from one advocate to another, only if the target is on shift and within
-- their capacity: the checks and the change are one step.
-- KEYS: conv:ID, active, shifts.
-- ARGV: prefix (for the other conversations held), id, fromAdvocate, toAdvocate, toName, toCapacity, at (ISO
-- instant), at (epoch ms).
-- Returns {outcome, fields}: outcome ASSIGNED | NOT_HELD | NOT_ON_SHIFT | AT_CAPACITY | UNKNOWN.
local p, id, from, to, name, capacity, at, atMs = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]), ARGV[7], ARGV[8]
local conv, active, shifts = KEYS[1], KEYS[2], KEYS[3]

if redis.call('EXISTS', conv) == 0 then return {'UNKNOWN'} end
if redis.call('HGET', conv, 'state') ~= 'ACTIVE' or redis.call('HGET', conv, 'advocate') ~= from then
  return {'NOT_HELD', redis.call('HGETALL', conv)}
end
if redis.call('HEXISTS', shifts, to) == 0 then return {'NOT_ON_SHIFT', redis.call('HGETALL', conv)} end

local held = 0
local entries = redis.call('HGETALL', active)
for i = 1, #entries, 2 do
  if entries[i + 1] == to then
    if redis.call('EXISTS', p .. 'conv:' .. entries[i]) == 1 then held = held + 1 else redis.call('HDEL', active, entries[i]) end
  end
end
if held >= capacity then return {'AT_CAPACITY', redis.call('HGETALL', conv)} end

redis.call('HSET', conv, 'advocate', to, 'advocateName', name, 'lastActivityAt', at, 'activeMs', atMs)
redis.call('HSET', active, id, to)
return {'ASSIGNED', redis.call('HGETALL', conv)}
