-- Ids of queued conversations marked away before awayBeforeMs: what the sweep ends as away. Reads only
-- the away marks (few), never the queue. Marks of conversations that no longer exist are dropped.
-- KEYS: away. ARGV: prefix (for the conversations marked), awayBeforeMs.
local p, before = ARGV[1], tonumber(ARGV[2])
local away = KEYS[1]
local marks = redis.call('HGETALL', away)
local out = {}
for i = 1, #marks, 2 do
  local id = marks[i]
  local state = redis.call('HGET', p .. 'conv:' .. id, 'state')
  if not state then
    redis.call('HDEL', away, id)
  elseif state == 'QUEUED' and tonumber(marks[i + 1]) < before then
    out[#out + 1] = id
  end
end
return out
