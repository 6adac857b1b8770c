-- Adds a queued conversation at the tail of the queue unless the queue is full.
-- ARGV: prefix, id, queueCap, ttlMillis, tokenHash ('' for none), then the conversation's field/value pairs.
-- Returns 1 when queued, 0 when the queue is full.
local p, id, cap, ttl, tokenHash = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local queue = p .. 'queue'

if redis.call('LLEN', queue) >= cap then
  -- Entries whose conversation expired (every node was down) must not hold places.
  for _, q in ipairs(redis.call('LRANGE', queue, 0, -1)) do
    if redis.call('EXISTS', p .. 'conv:' .. q) == 0 then redis.call('LREM', queue, 0, q) end
  end
  if redis.call('LLEN', queue) >= cap then return 0 end
end

local conv = p .. 'conv:' .. id
local fields = {}
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', conv, unpack(fields))
redis.call('PEXPIRE', conv, ttl)

-- Index keys are re-armed on every write, so they outlive every conversation they name.
redis.call('RPUSH', queue, id)
redis.call('PEXPIRE', queue, ttl)
redis.call('SADD', p .. 'live', id)
redis.call('PEXPIRE', p .. 'live', ttl)
if tokenHash ~= '' then redis.call('SET', p .. 'token:' .. tokenHash, id, 'PX', ttl) end
return 1
