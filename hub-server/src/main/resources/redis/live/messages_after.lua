-- A live conversation's kept messages with seq greater than afterSeq, in order: the whole kept tail when
-- afterSeq was trimmed (see append.lua). Read with the trimmed count in one step, so an append trimming
-- meanwhile cannot shift the seqs under the answer.
-- KEYS: conv:ID, its :msgs. ARGV: afterSeq (0 or more). Returns {seq of the first message returned, {message
-- JSON...}}.
local conv, msgs, after = KEYS[1], KEYS[2], tonumber(ARGV[1])
local trimmed = tonumber(redis.call('HGET', conv, 'trimmed') or '0')
local skip = math.max(after, trimmed) - trimmed
if skip >= redis.call('LLEN', msgs) then return {0, {}} end
return {trimmed + skip + 1, redis.call('LRANGE', msgs, skip, -1)}
