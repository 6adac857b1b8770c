-- Sets a stored program's SMS and voice numbers unless another stored program owns one of them, so two
-- programs never claim one number, even when two admins on two nodes try at once.
-- KEYS: the programs. ARGV: program id, SMS number ('' for none), voice number ('' for none).
-- Returns 1 when saved, 0 when no such program is stored, -1 when a number is another program's.
local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored then return 0 end
local wanted = {}
if ARGV[2] ~= '' then wanted[ARGV[2]] = true end
if ARGV[3] ~= '' then wanted[ARGV[3]] = true end
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
    if all[i] ~= ARGV[1] then
        local other = cjson.decode(all[i + 1])
        if (type(other.smsNumber) == 'string' and wanted[other.smsNumber])
                or (type(other.voiceNumber) == 'string' and wanted[other.voiceNumber]) then
            return -1
        end
    end
end
local program = cjson.decode(stored)
program.smsNumber = ARGV[2] ~= '' and ARGV[2] or cjson.null
program.voiceNumber = ARGV[3] ~= '' and ARGV[3] or cjson.null
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(program))
return 1
