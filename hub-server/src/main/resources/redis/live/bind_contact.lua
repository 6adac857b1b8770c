-- Remembers a contact key (e.g. an HMAC of a phone number) for a live conversation, unless a mark is
-- set under refusedBy (e.g. the number's opt-out): checked here, in the same step, so a STOP that
-- lands while the number's first text is being opened cannot be overtaken by the binding.
-- ARGV: prefix, id, contactKey, refusedBy (a whole key name, or '' for none).
-- Returns 1 when bound, 0 when the conversation is not live, -1 when refused.
local p, id, key, refusedBy = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local conv = p .. 'conv:' .. id
local ttl = redis.call('PTTL', conv)
if ttl <= 0 then return 0 end
if refusedBy ~= '' and redis.call('EXISTS', refusedBy) == 1 then return -1 end
redis.call('SET', p .. 'contact:' .. key, id, 'PX', ttl)
redis.call('SADD', conv .. ':contacts', key)
redis.call('PEXPIRE', conv .. ':contacts', ttl)
return 1
