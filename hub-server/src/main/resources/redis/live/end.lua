-- Ends a conversation and removes every trace of it: metadata, transcript, client ids (kept and trimmed), token and
-- contact indexes, queue place, holdings, away mark. Ending twice is harmless.
-- KEYS: conv:ID, its :msgs, :clients, :gone and :contacts, queue, live, active, away.
-- ARGV: prefix (for its token and contact keys), id[, heldBy[, 'orQueued']]. With heldBy, only while the
-- conversation is ACTIVE and held by that advocate; with 'orQueued' also, or while it is still QUEUED (what a block
-- may end).
-- Returns the final field/value list, or an empty list when it was not live (or not so held).
local p, id, heldBy, orQueued = ARGV[1], ARGV[2], ARGV[3], ARGV[4] == 'orQueued'
local conv, msgs, clients, gone, contacts = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local queue, live, active, away = KEYS[6], KEYS[7], KEYS[8], KEYS[9]

if heldBy then
  local now = redis.call('HMGET', conv, 'state', 'advocate')
  local held = now[1] == 'ACTIVE' and now[2] == heldBy
  if not held and not (orQueued and now[1] == 'QUEUED') then return {} end
end

local fields = redis.call('HGETALL', conv)
if #fields > 0 then
  local entry = redis.call('HGET', conv, 'queueEntry')
  if entry then redis.call('LREM', queue, 0, entry) end
  local token = redis.call('HGET', conv, 'tokenHash')
  if token then
    local tokenKey = p .. 'token:' .. token
    if redis.call('GET', tokenKey) == id then redis.call('DEL', tokenKey) end
  end
end
for _, key in ipairs(redis.call('SMEMBERS', contacts)) do
  local contactKey = p .. 'contact:' .. key
  if redis.call('GET', contactKey) == id then redis.call('DEL', contactKey) end
end
redis.call('DEL', conv, msgs, clients, gone, contacts)
redis.call('SREM', live, id)
redis.call('HDEL', active, id)
redis.call('HDEL', away, id)
return fields
