package org.hearthhub.console;

import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every coalition directory test again with the live state and the settings on Redis. */
class RedisCoalitionPartnersTest extends CoalitionPartnersTest {
    @RegisterExtension
    static final RedisServer live = RedisServer.perTestClass();
    @RegisterExtension
    static final RedisServer settings = RedisServer.perTestClass();

    /** Asked for as each hub starts: the settings Redis is emptied then too, so no test sees another's directory. */
    @Override
    RedisServer liveRedis() {
        settings.flushAll();
        return live;
    }

    @Override
    Map<String, String> settingsEnv() {
        return Map.of("HEARTH_SETTINGS_REDIS_URL", settings.url());
    }

    /** The default program's hash, and no program's own key. */
    @Override
    void assertKeptHubWide(String id, boolean present) {
        settings.inspect(r -> {
            assertEquals(present, r.hexists("hearth:{main}:coalitionPartners", id));
            assertEquals(0L, r.exists("hearth:{riverside}:coalitionPartners"));
        });
    }
}
