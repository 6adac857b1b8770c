-- Appends a message to a live conversation's transcript, once per (sender, clientId).
-- The transcript list is never trimmed, so a message's seq is its 1-based index: RPUSH's answer.
-- ARGV: prefix, id, clientKey ('' when the message has no clientId), message JSON, at (ISO instant), at (epoch ms).
-- Returns {'OK', seq}, {'DUP', seq, message JSON} or {'NOT_LIVE'}.
local p, id, clientKey, message, at, atMs = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local conv = p .. 'conv:' .. id
local ttl = redis.call('PTTL', conv)
if ttl == -2 then return {'NOT_LIVE'} end
local msgs = conv .. ':msgs'
local clients = conv .. ':clients'

if clientKey ~= '' then
  local earlier = redis.call('HGET', clients, clientKey)
  if earlier then
    local seq = tonumber(earlier)
    return {'DUP', seq, redis.call('LINDEX', msgs, seq - 1)}
  end
end

local seq = redis.call('RPUSH', msgs, message)
-- The transcript dies with its conversation: same deadline, never extended.
if ttl > 0 then redis.call('PEXPIRE', msgs, ttl) end
if clientKey ~= '' then
  redis.call('HSET', clients, clientKey, seq)
  if ttl > 0 then redis.call('PEXPIRE', clients, ttl) end
end
redis.call('HSET', conv, 'lastActivityAt', at, 'activeMs', atMs)
return {'OK', seq}
