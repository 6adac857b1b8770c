-- Increments a counter whose window starts at its first increment.
-- KEYS: the counter. ARGV: windowMillis. Returns the new value.
local n = redis.call('INCR', KEYS[1])
-- A counter without an expiry (should never happen) gets one rather than living forever.
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
