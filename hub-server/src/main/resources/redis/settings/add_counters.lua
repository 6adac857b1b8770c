-- Adds each increment to one day's counters, all in one step.
-- KEYS: the day's key. ARGV: name/increment pairs.
for i = 1, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1
