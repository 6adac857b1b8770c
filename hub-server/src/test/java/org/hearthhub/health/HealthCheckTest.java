package org.hearthhub.health;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code GET /health} of a hub on a real live Redis and a real settings Redis (behind an ACL password):
 * 503 naming whichever is away, 200 again once it is back, cheap under a burst of probes; and 200 on the
 * embedded default, which has no Redis at all.
 */
class HealthCheckTest {
    private static final String SETTINGS_PASSWORD = "settings-acl-s3cret";
    private static final JsonObject UP = new JsonObject().put("status", "up");

    @TempDir
    static Path redisDir;
    static RedisServer liveRedis;
    static RedisServer settingsRedis;

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;

    @BeforeAll
    static void startRedis() throws Exception {
        liveRedis = RedisServer.start(redisDir.resolve("live"));
        settingsRedis = RedisServer.start(redisDir.resolve("settings"), "--appendonly", "yes",
                "--user", "hearth", "on", ">" + SETTINGS_PASSWORD, "~hearth:*", "&hearth:*", "+@all");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        liveRedis.close();
        settingsRedis.close();
    }

    @BeforeEach
    void redisIsUp() throws Exception {
        if (!liveRedis.isUp()) liveRedis.start();
        if (!settingsRedis.isUp()) settingsRedis.start();
    }

    private TestHub startOnRedis() throws Exception {
        return hubs.start(Map.of(
                "HEARTH_LIVE_REDIS_URL", liveRedis.url(),
                "HEARTH_SETTINGS_REDIS_URL", "redis://hearth:" + SETTINGS_PASSWORD + "@127.0.0.1:" + settingsRedis.port() + "/0"));
    }

    private HttpResponse<Buffer> health() throws Exception {
        return TestHub.await(hub.http().get(hub.port(), "localhost", "/health").timeout(5_000).send());
    }

    /**
     * Polls /health until it answers {@code status}; returns that answer. Each probe comes a cache period
     * later on the hub's clock, so it is answered by a check of its own (or one still running), not the last result.
     */
    private HttpResponse<Buffer> awaitHealth(int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        HttpResponse<Buffer> last;
        do {
            hub.clock.advance(Duration.ofMillis(HealthCheck.CACHE_MILLIS));
            last = health();
            if (last.statusCode() == status) return last;
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        fail("/health did not answer " + status + " within 5 s; last: " + last.statusCode() + " " + last.bodyAsString());
        return last;
    }

    private void assertDown(HttpResponse<Buffer> r, String dependency) {
        assertEquals(new JsonObject().put("status", "down").put("down", new JsonArray().add(dependency)), r.bodyAsJsonObject());
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
        String body = r.bodyAsString();
        for (String secret : List.of(SETTINGS_PASSWORD, "redis://", "127.0.0.1", String.valueOf(liveRedis.port()),
                String.valueOf(settingsRedis.port()), "Exception")) {
            assertFalse(body.contains(secret), "no address or internals in " + body);
        }
    }

    @Test
    void theEmbeddedDefaultIsUpWithoutAnyRedis() throws Exception {
        hub = hubs.start();
        HttpResponse<Buffer> r = health();
        assertEquals(200, r.statusCode());
        assertEquals(UP, r.bodyAsJsonObject());
    }

    @Test
    void answers503NamingTheRedisThatIsAwayAnd200OnceItIsBack() throws Exception {
        hub = startOnRedis();
        assertEquals(UP, awaitHealth(200).bodyAsJsonObject());

        liveRedis.stop();
        assertDown(awaitHealth(503), "liveRedis");
        liveRedis.start();
        assertEquals(UP, awaitHealth(200).bodyAsJsonObject());

        settingsRedis.stop();
        assertDown(awaitHealth(503), "settingsRedis");
        settingsRedis.start();
        assertEquals(UP, awaitHealth(200).bodyAsJsonObject());
    }

    @Test
    void aRedisThatHangsIsReportedDownInsteadOfHangingTheProbe() throws Exception {
        hub = startOnRedis();
        assertEquals(200, awaitHealth(200).statusCode());
        String pid = Files.readString(redisDir.resolve("live").resolve("redis.pid")).strip();
        signal("STOP", pid);
        try {
            // The request itself times out after 5 s: the answer comes from the ping's own, shorter timeout.
            assertDown(awaitHealth(503), "liveRedis");
        } finally {
            signal("CONT", pid);
        }
        assertEquals(200, awaitHealth(200).statusCode());
    }

    @Test
    void aBurstOfProbesCostsEachRedisAboutOnePingASecond() throws Exception {
        hub = startOnRedis();
        assertEquals(200, awaitHealth(200).statusCode());
        RedisClient client = RedisClient.create(liveRedis.url());
        try (StatefulRedisConnection<String, String> stats = client.connect()) {
            hub.clock.advance(Duration.ofMillis(HealthCheck.CACHE_MILLIS)); // the warm-up's result has expired
            long before = pings(stats);

            List<Future<HttpResponse<Buffer>>> burst = new ArrayList<>();
            for (int i = 0; i < 50; i++) burst.add(hub.http().get(hub.port(), "localhost", "/health").send());
            TestHub.await(Future.all(burst));

            for (Future<HttpResponse<Buffer>> r : burst) assertEquals(200, r.result().statusCode());
            long pinged = pings(stats) - before;
            assertTrue(pinged >= 1 && pinged <= 2, "50 probes sent " + pinged + " PINGs to the live Redis");
        } finally {
            client.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }

    private static long pings(StatefulRedisConnection<String, String> redis) {
        Matcher m = Pattern.compile("cmdstat_ping:calls=(\\d+)").matcher(redis.sync().info("commandstats"));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static void signal(String signal, String pid) throws Exception {
        new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
    }
}
