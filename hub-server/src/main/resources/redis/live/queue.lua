-- The queue's entries, oldest first, and the away marks (id, epoch ms, ...) in one consistent read.
-- KEYS: queue, away.
return {redis.call('LRANGE', KEYS[1], 0, -1), redis.call('HGETALL', KEYS[2])}
