-- Adds each increment to one day's counters, all in one step.
-- ARGV: key, then name/increment pairs.
for i = 2, #ARGV, 2 do redis.call('HINCRBY', ARGV[1], ARGV[i], ARGV[i + 1]) end
return 1
