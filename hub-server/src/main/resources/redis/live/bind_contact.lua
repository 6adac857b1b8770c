-- Remembers a contact key (e.g. an HMAC of a phone number) for a live conversation.
-- ARGV: prefix, id, contactKey. Returns 1, or 0 when the conversation is not live.
local p, id, key = ARGV[1], ARGV[2], ARGV[3]
local conv = p .. 'conv:' .. id
local ttl = redis.call('PTTL', conv)
if ttl <= 0 then return 0 end
redis.call('SET', p .. 'contact:' .. key, id, 'PX', ttl)
redis.call('SADD', conv .. ':contacts', key)
redis.call('PEXPIRE', conv .. ':contacts', ttl)
return 1
