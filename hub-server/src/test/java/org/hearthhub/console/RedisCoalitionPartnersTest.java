package org.hearthhub.console;

import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every coalition directory test again with the live state and the settings on Redis. */
class RedisCoalitionPartnersTest extends CoalitionPartnersTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    /** Emptied as each test's hub starts, so no test sees another's directory. */
    @Override
    RedisStores redisStores() {
        return redis;
    }

    /** The default program's hash, and no program's own key. */
    @Override
    void assertKeptHubWide(String id, boolean present) {
        redis.settings().inspect(r -> {
            assertEquals(present, r.hexists("hearth:{main}:coalitionPartners", id));
            assertEquals(0L, r.exists("hearth:{riverside}:coalitionPartners"));
        });
    }
}
