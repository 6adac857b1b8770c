-- Increments a counter whose window starts at its first increment.
-- ARGV: key, windowMillis. Returns the new value.
local n = redis.call('INCR', ARGV[1])
-- A counter without an expiry (should never happen) gets one rather than living forever.
if n == 1 or redis.call('PTTL', ARGV[1]) < 0 then redis.call('PEXPIRE', ARGV[1], ARGV[2]) end
return n
