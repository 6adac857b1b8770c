-- Adds a queued conversation at the tail of the queue unless the queue is full.
-- The queue holds compact entries (QueueEntries: "id|channel|lang|createdAt|preferredUntil"), so
-- reading it for a queue push is one LRANGE, with no per-conversation lookup. The entry is also
-- kept in the conversation's hash (field queueEntry) so that assign and end can LREM it.
-- KEYS: queue, conv:ID, live, and token:HASH when there is a token.
-- ARGV: prefix (for the conversations already queued), id, queueCap, ttlMillis, queue entry, then the
-- conversation's field/value pairs. Returns the new 1-based position, or 0 when the queue is full.
local p, id, cap, ttl, entry = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local queue, conv, live, token = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

if redis.call('LLEN', queue) >= cap then
  -- Entries whose conversation expired (every node was down) must not hold places.
  for _, e in ipairs(redis.call('LRANGE', queue, 0, -1)) do
    if redis.call('EXISTS', p .. 'conv:' .. string.match(e, '^[^|]+')) == 0 then redis.call('LREM', queue, 0, e) end
  end
  if redis.call('LLEN', queue) >= cap then return 0 end
end

local fields = {}
for i = 6, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', conv, 'queueEntry', entry, unpack(fields))
redis.call('PEXPIRE', conv, ttl)

-- A conversation that came by a warm referral (its entry has the two parts more, so six separators) waits
-- ahead of every conversation started here, after the referred ones already waiting.
local function referred(e)
  return select(2, string.gsub(e, '|', '|')) == 6
end
local position
if referred(entry) then
  local entries = redis.call('LRANGE', queue, 0, -1)
  for i, e in ipairs(entries) do
    if not referred(e) then
      redis.call('LINSERT', queue, 'BEFORE', e, entry)
      position = i
      break
    end
  end
end
-- Index keys are re-armed on every write, so they outlive every conversation they name.
if not position then position = redis.call('RPUSH', queue, entry) end
redis.call('PEXPIRE', queue, ttl)
redis.call('SADD', live, id)
redis.call('PEXPIRE', live, ttl)
if token then redis.call('SET', token, id, 'PX', ttl) end
return position
