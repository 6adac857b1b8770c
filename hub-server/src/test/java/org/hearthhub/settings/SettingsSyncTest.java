package org.hearthhub.settings;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.util.HubJson;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two hub nodes on one real settings Redis: a lead's change on one reaches the other by the change
 * notice, by re-subscribing after a dropped notice connection, or, as the last resort, by the slow poll.
 * Each test but the poll test sets the poll to an hour, so only the path under test can carry the change.
 */
@ExtendWith(VertxExtension.class)
class SettingsSyncTest {
    private static final String POLL_OFF = "3600";
    private static final String NEW_EXIT = "https://example.org/weather";

    @TempDir
    static Path redisDir;
    static RedisServer redis;

    @TempDir
    Path dataDir;
    Vertx vertxB;
    TestHub hubA;
    TestHub hubB;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start(redisDir.resolve("settings"), "--appendonly", "yes");
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void flush() {
        redis.flushAll();
        vertxB = Vertx.vertx();
    }

    @AfterEach
    void stopNodes() throws Exception {
        closeHubs();
        vertxB.close().await(10, TimeUnit.SECONDS);
    }

    private void closeHubs() throws Exception {
        if (hubA != null) hubA.close();
        if (hubB != null) hubB.close();
        hubA = null;
        hubB = null;
    }

    private void startTwoNodes(Vertx vertx, String settingsUrl, String reloadSeconds) throws Exception {
        Map<String, String> env = Map.of("HEARTH_SETTINGS_REDIS_URL", settingsUrl, "HEARTH_SETTINGS_RELOAD_SECONDS", reloadSeconds);
        hubA = TestHub.start(vertx, dataDir.resolve("a"), env);
        hubB = TestHub.start(vertxB, dataDir.resolve("b"), env);
    }

    private static ProgramSettings withQuickExit(ProgramSettings current, String url) {
        ProgramSettings.WidgetLook look = current.widget();
        return new ProgramSettings(current.timeZone(), current.weeklyHours(), current.holidays(), current.referrals(),
                current.cannedResponses(), new ProgramSettings.WidgetLook(look.title(), look.notice(), look.primaryColor(),
                look.position(), url), current.retention(), current.staffSecurity());
    }

    /** What node B tells survivors right now. */
    private String quickExitServedBy(TestHub hub) throws Exception {
        return TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/status").send())
                .bodyAsJsonObject().getString("quickExitUrl");
    }

    private static void await(String what, long timeoutMillis, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!condition.get()) {
            if (System.nanoTime() > deadline) fail(what + " within " + timeoutMillis + " ms");
            Thread.sleep(10);
        }
    }

    /** A write straight into Redis, as a save whose notice was lost would leave it. */
    private static void writeWithoutNotice(ProgramSettings settings) throws Exception {
        String json = HubJson.mapper().writeValueAsString(settings);
        redis.inspect(r -> r.set("hearth:{main}:settings", json));
    }

    @Test
    void aLeadsChangeOnOneNodeIsServedByTheOtherAtOnceByItsNotice(Vertx vertx) throws Exception {
        startTwoNodes(vertx, redis.url(), POLL_OFF);
        ProgramSettings changed = withQuickExit(TestHub.await(hubA.hub.settingsStore().programSettings()), NEW_EXIT);

        TestHub.await(hubA.hub.settings().save(changed));

        // Well within the 2 s the nodes used to poll at; with the poll at an hour only the notice can do it.
        await("node B serves node A's change", 1_500, () -> {
            try {
                return NEW_EXIT.equals(quickExitServedBy(hubB));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(changed, hubB.hub.settings().get());
    }

    @Test
    void aNodeWhoseNoticeConnectionDroppedReloadsWhenItReconnects(Vertx vertx) throws Exception {
        startTwoNodes(vertx, redis.url(), POLL_OFF);
        // First a change node B hears of: then B's subscription is live, and the reload its confirmation
        // triggers is behind it (it went out on the same connection earlier), so it cannot pick up the next write.
        ProgramSettings before = withQuickExit(hubB.hub.settings().get(), "https://example.org/news");
        TestHub.await(hubA.hub.settings().save(before));
        await("node B hears of the first change", 5_000, () -> before.equals(hubB.hub.settings().get()));
        ProgramSettings changed = withQuickExit(before, NEW_EXIT);

        writeWithoutNotice(changed);
        Thread.sleep(300);
        assertEquals(before, hubB.hub.settings().get(), "no notice and no poll: node B cannot know yet");

        // Redis drops every subscriber; Lettuce reconnects and subscribes again, and the node reloads then.
        redis.inspect(r -> assertTrue(r.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub()) >= 2));
        await("node B reloads after re-subscribing", 5_000, () -> changed.equals(hubB.hub.settings().get()));
    }

    @Test
    void aChangeWhoseNoticeWasLostStillArrivesByTheSafetyPoll(Vertx vertx) throws Exception {
        startTwoNodes(vertx, redis.url(), "1");
        ProgramSettings changed = withQuickExit(hubB.hub.settings().get(), NEW_EXIT);

        writeWithoutNotice(changed);

        await("node B polls the change in", 5_000, () -> changed.equals(hubB.hub.settings().get()));
    }

    @Test
    void aSettingsRedisUserWithoutChannelRightsStillSavesAndNodesFollowByPolling(Vertx vertx, @TempDir Path dir) throws Exception {
        String password = "s3cret-settings-pw";
        // Redis 7 gives a new ACL user no channels: an ACL written before change notices existed.
        try (RedisServer acl = RedisServer.start(dir, "--appendonly", "yes",
                "--user", "hearth", "on", ">" + password, "~hearth:*", "+@all");
             LogCapture logs = LogCapture.install()) {
            startTwoNodes(vertx, "redis://hearth:" + password + "@127.0.0.1:" + acl.port(), "1");
            ProgramSettings changed = withQuickExit(hubA.hub.settings().get(), NEW_EXIT);

            TestHub.await(hubA.hub.settings().save(changed));

            assertEquals(changed, TestHub.await(hubA.hub.settingsStore().programSettings()), "the save itself succeeded");
            await("node B polls the change in", 5_000, () -> changed.equals(hubB.hub.settings().get()));
            String all = logs.all();
            assertTrue(all.contains("reach this one only by polling, every 1 s"), all);
            assertTrue(all.contains("the change notice was not sent"), all);
            assertFalse(all.contains(password), "no log line holds the Redis password");
            closeHubs(); // before this test's Redis goes away
        }
    }
}
