package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.settings.Role;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console socket's session checks with the sessions in a real Redis, where the idle timeout is the
 * key's TTL: a frame re-arms it, a periodic check does not, and a console whose key expired is closed.
 */
class RedisAdvocateSessionTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().liveRedis(redis);
    TestHub hub;
    WsClient console;
    String sessionKey;

    @BeforeEach
    void signIn(Vertx vertx) throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        String cookie = hub.login("maria");
        sessionKey = "hearth:{main}:session:" + StaffSessions.hash(cookie.substring(cookie.indexOf('=') + 1));
        console = WsClient.connect(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), cookie);
        console.await("shift");
    }

    @AfterEach
    void stop() {
        console.close();
    }

    private long ttlMillis() {
        AtomicLong ttl = new AtomicLong();
        redis.inspect(r -> ttl.set(r.pttl(sessionKey)));
        return ttl.get();
    }

    private void expireIn(Duration d) {
        redis.inspect(r -> r.pexpire(sessionKey, d.toMillis()));
    }

    @Test
    void aFrameReArmsTheIdleTimeoutAndACheckDoesNot() throws Exception {
        expireIn(Duration.ofMinutes(1));
        hub.hub.sockets().checkAdvocateSessions();
        console.expectNone("error", 300); // the check has run by now
        assertTrue(ttlMillis() <= 60_000, "a periodic check must not count as activity");

        console.send("shift.start", "capacity", 2);
        console.awaitMatching("shift", f -> f.getBoolean("onShift"));
        assertTrue(ttlMillis() > Duration.ofMinutes(29).toMillis(), "a frame the advocate sent is activity: " + ttlMillis());
    }

    @Test
    void aConsoleWhoseSessionKeyExpiredIsToldAndClosed() throws Exception {
        expireIn(Duration.ofMillis(1));
        long deadline = System.currentTimeMillis() + 2000;
        while (ttlMillis() != -2 && System.currentTimeMillis() < deadline) Thread.sleep(5); // -2: no such key
        hub.hub.sockets().checkAdvocateSessions();
        JsonObject error = console.await("error");
        assertEquals("forbidden", error.getString("code"));
        deadline = System.currentTimeMillis() + 5000;
        while (!console.isClosed() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertEquals((short) 4401, console.closeStatus());
    }

    @Test
    void framesSentTogetherAreHandledInTheirOrderDespiteEachWaitingForRedis() throws Exception {
        console.send("shift.start", "capacity", 1).send("shift.end").send("shift.start", "capacity", 2);
        console.awaitMatching("shift", f -> f.getBoolean("onShift") && f.getInteger("capacity") == 2);
        assertEquals(2, TestHub.await(hub.hub.conversations().shiftOf("maria")).capacity());
    }
}
