package org.hearthhub.web;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.model.Role;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What failed sign-ins leave in a real live Redis: counts that expire, keyed without addresses or unknown names. */
@ExtendWith(VertxExtension.class)
class SignInLiveStoreTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;
    private TestHub hub;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        redis.flushAll();
        hub = TestHub.start(vertx, dataDir, Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
        hub.addAccount("ana", Role.ADVOCATE, List.of("en"), 2);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    /** Every key with its value (strings) and its time to live in milliseconds. */
    private List<String> everything() {
        List<String> out = new ArrayList<>();
        redis.inspect(r -> {
            for (String key : r.keys("*")) {
                String value = "string".equals(r.type(key)) ? r.get(key) : "(" + r.type(key) + ")";
                out.add(key + " = " + value + " ttl=" + r.pttl(key));
            }
        });
        return out;
    }

    @Test
    void failedSignInsLeaveOnlyExpiringCountsWithoutAddressesOrUnknownNames() throws Exception {
        WebClient from = hub.clientFrom("127.0.0.66", 1);
        for (String name : List.of("ana", "sunflower.meadow.1987", "Sunflower Meadow 1987!")) {
            for (int i = 0; i < 2; i++) assertEquals(401, TestHub.await(TestHub.tryLogin(from, name, "wrong " + i)).statusCode());
        }

        List<String> keys = everything().stream().filter(k -> k.contains("login")).toList();
        assertTrue(keys.stream().anyMatch(k -> k.contains(":ana:")), "the real account's count is there: " + keys);
        for (String k : keys) {
            assertFalse(k.toLowerCase(java.util.Locale.ROOT).contains("sunflower"), "a typed name that is no account: " + k);
            assertFalse(k.contains("127.0.0"), "an address: " + k);
            assertFalse(k.endsWith("ttl=-1"), "kept for ever: " + k);
        }
    }
}
