-- Lists a staff session under its user in one step, so that sign-ins at the same moment on any node
-- are all listed and a deactivation or password change can end every live session of the user.
-- The list is one comma-separated string, newest last, as earlier versions wrote it. Listed sessions
-- that have ended are dropped; if more than `keep` remain, the oldest are ended here rather than left
-- live but unlisted.
-- KEYS: value:user-sessions:USERNAME. ARGV: prefix (for the sessions listed), sessionHash, keep, ttlMillis.
-- Returns the hashes of the sessions it ended.
local key = KEYS[1]
local listed = redis.call('GET', key)
local hashes = {}
if listed then
  for hash in string.gmatch(listed, '[^,]+') do
    if hash ~= ARGV[2] and redis.call('EXISTS', ARGV[1] .. 'session:' .. hash) == 1 then
      hashes[#hashes + 1] = hash
    end
  end
end
hashes[#hashes + 1] = ARGV[2]
local first = math.max(1, #hashes - tonumber(ARGV[3]) + 1)
local ended = {}
for i = 1, first - 1 do
  redis.call('DEL', ARGV[1] .. 'session:' .. hashes[i])
  ended[#ended + 1] = hashes[i]
end
redis.call('SET', key, table.concat(hashes, ',', first, #hashes), 'PX', ARGV[4])
return ended
