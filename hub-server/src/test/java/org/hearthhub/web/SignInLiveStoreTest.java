package org.hearthhub.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What failed sign-ins leave in a real live Redis: counts that expire, keyed without addresses or unknown names. */
class SignInLiveStoreTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().liveRedis(redis);
    private TestHub hub;

    @BeforeEach
    void account() throws Exception {
        hub.addAccount("ana", Role.ADVOCATE, List.of("en"), 2);
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

    @Test
    void wrongCodesAreCountedPerAccountInRedisAndExpire() throws Exception {
        Account a = TestHub.await(hub.hub.accounts().account("ana")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), a.role(), a.passwordHash(),
                TotpSecret.random(), false, a.capacity(), a.languages(), a.uiLanguage(), a.createdAt())));
        // Ten wrong codes from five places: the account's codes lock, in the store every node reads.
        for (int place = 1; place <= 5; place++) {
            WebClient from = hub.clientFrom("127.0.1." + place, 1);
            for (int i = 0; i < 2; i++) {
                TestHub.await(from.post("/api/v1/login").sendJsonObject(new JsonObject()
                        .put("username", "ana").put("password", TestHub.PASSWORD).put("totp", i == 0 ? "000000" : "999999")));
            }
        }
        HttpResponse<Buffer> locked = TestHub.await(hub.clientFrom("127.0.2.1", 1).post("/api/v1/login").sendJsonObject(new JsonObject()
                .put("username", "ana").put("password", TestHub.PASSWORD).put("totp", "123456")));
        assertEquals("codes_locked", locked.bodyAsJsonObject().getString("reason"), locked.bodyAsString());

        List<String> keys = everything().stream().filter(k -> k.contains("login-codes")).toList();
        assertTrue(keys.stream().anyMatch(k -> k.contains(":ana:lock")), "the lock is there: " + keys);
        for (String k : keys) {
            assertFalse(k.contains("127.0."), "an address: " + k);
            assertFalse(k.endsWith("ttl=-1"), "kept for ever: " + k);
        }
    }
}
