-- Ids of live conversations idle since before idleBeforeMs or created before createdBeforeMs.
-- Only ids travel back, so a sweep costs the hub nothing per conversation that is still fine.
-- KEYS: live, active, queue. ARGV: prefix (for the conversations listed), idleBeforeMs, createdBeforeMs. Index
-- entries whose conversation expired (every node was down past its deadline) are dropped on the way, from the live
-- set, the holdings and the queue.
local p, idleBefore, createdBefore = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local live, active, queue = KEYS[1], KEYS[2], KEYS[3]
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', live)) do
  local times = redis.call('HMGET', p .. 'conv:' .. id, 'activeMs', 'createdMs')
  if not times[1] then
    redis.call('SREM', live, id)
    redis.call('HDEL', active, id)
  elseif tonumber(times[1]) < idleBefore or tonumber(times[2]) < createdBefore then
    out[#out + 1] = id
  end
end
for _, e in ipairs(redis.call('LRANGE', queue, 0, -1)) do
  if redis.call('EXISTS', p .. 'conv:' .. string.match(e, '^[^|]+')) == 0 then redis.call('LREM', queue, 0, e) end
end
return out
