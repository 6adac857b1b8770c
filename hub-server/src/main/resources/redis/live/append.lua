-- Appends a message to a live conversation's transcript, once per (sender, clientId), and keeps only the
-- newest messages within the transcript budget (TranscriptBudget): a message that passes either bound drops
-- the oldest ones, never itself. The list holds the kept tail; the conversation hash counts the messages
-- dropped from its front (field trimmed), so a message's seq is trimmed + its 1-based index, and never
-- changes or is reused. It also keeps the kept text's length (field chars).
-- A trimmed message's clients entry moves to conv:ID:gone ("sender:clientId" scored by seq, the newest
-- `remembered` only), so a late resend of it is still a duplicate; its words are gone, so only the seq is answered.
-- KEYS: conv:ID, its :msgs, :clients and :gone.
-- ARGV: clientKey ('' when the message has no clientId), message JSON, at (ISO instant), at (epoch ms),
--       most messages kept, most text characters kept, trimmed client ids remembered, the new text's length
--       (TranscriptBudget.size: the caller has the text, so the new message is never decoded here).
-- Returns {'OK', seq}, {'DUP', seq, message JSON}, {'GONE', seq} or {'NOT_LIVE'}.
local conv, msgs, clients, gone = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local clientKey, message, at, atMs = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local maxMessages, maxChars, remembered = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local size = tonumber(ARGV[8])
local ttl = redis.call('PTTL', conv)
if ttl == -2 then return {'NOT_LIVE'} end
local trimmed = tonumber(redis.call('HGET', conv, 'trimmed') or '0')

if clientKey ~= '' then
  local earlier = redis.call('HGET', clients, clientKey)
  if earlier then
    local seq = tonumber(earlier)
    return {'DUP', seq, redis.call('LINDEX', msgs, seq - trimmed - 1)}
  end
  local trimmedSeq = redis.call('ZSCORE', gone, clientKey)
  if trimmedSeq then return {'GONE', tonumber(trimmedSeq)} end
end

-- A trimmed message's fields; none when it cannot be read (a script that fails half-way is not rolled back).
local function fields(json)
  local ok, m = pcall(cjson.decode, json)
  if ok and type(m) == 'table' then return m end
  return {}
end

-- A text's length as Java's String.length() counts it (UTF-16 units), from its UTF-8 bytes: one per
-- character (every byte but a continuation byte), one more per character beyond the BMP (4-byte lead).
local function textLength(m)
  if type(m.text) ~= 'string' then return 0 end
  local _, units = string.gsub(m.text, '[^\128-\191]', '')
  local _, astral = string.gsub(m.text, '[\240-\247]', '')
  return units + astral
end

local chars = tonumber(redis.call('HGET', conv, 'chars') or '0') + size
local length = redis.call('RPUSH', msgs, message)
local seq = trimmed + length
local dropped = 0
while length > 1 and (length > maxMessages or chars > maxChars) do
  local old = fields(redis.call('LPOP', msgs))
  chars = chars - textLength(old)
  length = length - 1
  dropped = dropped + 1
  if type(old.clientId) == 'string' and type(old.from) == 'string' then
    local key = old.from .. ':' .. old.clientId
    redis.call('HDEL', clients, key)
    redis.call('ZADD', gone, trimmed + dropped, key)
  end
end
-- Everything dies with its conversation: the same deadline, never extended. Set as the conversation's own
-- instant (PEXPIRETIME, Redis 7.0): its remaining time (PTTL) set again a moment later can land a millisecond
-- after it. Redis 6.2 has no PEXPIRETIME, and gets the remaining time, within a millisecond.
local deadline = redis.pcall('PEXPIRETIME', conv)
local function dieWithConversation(key)
  if ttl <= 0 then return end
  if type(deadline) == 'number' and deadline > 0 then redis.call('PEXPIREAT', key, deadline)
  else redis.call('PEXPIRE', key, ttl) end
end
if dropped > 0 then
  redis.call('ZREMRANGEBYRANK', gone, 0, -remembered - 1)
  dieWithConversation(gone)
end
dieWithConversation(msgs)
if clientKey ~= '' then
  redis.call('HSET', clients, clientKey, seq)
  dieWithConversation(clients)
end
-- Never below 0: a transcript from before the budget existed has no chars field to count down from.
redis.call('HSET', conv, 'lastActivityAt', at, 'activeMs', atMs, 'trimmed', trimmed + dropped, 'chars', math.max(0, chars))
return {'OK', seq}
