-- Remembers a contact key (e.g. an HMAC of a phone number) for a live conversation, unless a mark is
-- set under refusedBy (e.g. the number's opt-out): checked here, in the same step, so a STOP that
-- lands while the number's first text is being opened cannot be overtaken by the binding.
-- KEYS: conv:ID, its :contacts, contact:KEY, and refusedBy when there is one. ARGV: id, contactKey.
-- Returns 1 when bound, 0 when the conversation is not live, -1 when refused.
local conv, contacts, contact, refusedBy = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, key = ARGV[1], ARGV[2]
local ttl = redis.call('PTTL', conv)
if ttl <= 0 then return 0 end
if refusedBy and redis.call('EXISTS', refusedBy) == 1 then return -1 end
redis.call('SET', contact, id, 'PX', ttl)
redis.call('SADD', contacts, key)
redis.call('PEXPIRE', contacts, ttl)
return 1
