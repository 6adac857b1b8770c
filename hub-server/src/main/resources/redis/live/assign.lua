-- Gives a queued conversation to an advocate, only if it is still queued, the advocate is on shift and
-- holds fewer than `capacity` active conversations. The checks and the change are one step, so two
-- nodes can never hand one survivor to two advocates, nor to one whose shift just ended.
-- KEYS: conv:ID, active, shifts, queue.
-- ARGV: prefix (for the other conversations held), id, advocate, advocateName, capacity, at (ISO instant),
-- ttlMillis, at (epoch ms).
-- Returns {outcome, fields}: outcome ASSIGNED | NOT_QUEUED | NOT_ON_SHIFT | AT_CAPACITY | UNKNOWN.
local p, id, advocate, name, capacity, at, ttl, atMs = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[7], ARGV[8]
local conv, active, shifts, queue = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

if redis.call('EXISTS', conv) == 0 then return {'UNKNOWN'} end
if redis.call('HGET', conv, 'state') ~= 'QUEUED' then return {'NOT_QUEUED', redis.call('HGETALL', conv)} end
if redis.call('HEXISTS', shifts, advocate) == 0 then return {'NOT_ON_SHIFT', redis.call('HGETALL', conv)} end

local held = 0
local entries = redis.call('HGETALL', active)
for i = 1, #entries, 2 do
  if entries[i + 1] == advocate then
    if redis.call('EXISTS', p .. 'conv:' .. entries[i]) == 1 then held = held + 1 else redis.call('HDEL', active, entries[i]) end
  end
end
if held >= capacity then return {'AT_CAPACITY', redis.call('HGETALL', conv)} end

redis.call('HSET', conv, 'state', 'ACTIVE', 'advocate', advocate, 'advocateName', name,
  'assignedAt', at, 'lastActivityAt', at, 'activeMs', atMs)
local entry = redis.call('HGET', conv, 'queueEntry')
if entry then redis.call('LREM', queue, 0, entry) end
redis.call('HDEL', conv, 'queueEntry')
redis.call('HSET', active, id, advocate)
redis.call('PEXPIRE', active, ttl)
return {'ASSIGNED', redis.call('HGETALL', conv)}
