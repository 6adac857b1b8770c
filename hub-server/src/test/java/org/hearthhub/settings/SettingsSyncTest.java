package org.hearthhub.settings;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.model.Role;
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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two hub nodes on one real settings Redis: a lead's change (settings or an account) on one reaches the
 * other by the change notice, by re-subscribing after a dropped notice connection, or, as the last resort, by the slow poll.
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

    private static boolean knows(TestHub hub, String username) {
        try {
            return TestHub.await(hub.hub.accounts().account(username)).isPresent();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static boolean knowsDisabled(TestHub hub, String username) {
        try {
            return TestHub.await(hub.hub.accounts().account(username)).map(Account::disabled).orElse(false);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int signInStatus(TestHub hub, String username) throws Exception {
        return TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new JsonObject().put("username", username).put("password", TestHub.PASSWORD))).statusCode();
    }

    private static Account advocate(String username) {
        return new Account(username, "Advocate " + username, Role.ADVOCATE, "not-a-real-hash", null, false, 2, List.of("en"), "en",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void anAccountAddedOrDisabledOnOneNodeIsSeenByTheOtherAtOnceByItsNotice(Vertx vertx) throws Exception {
        startTwoNodes(vertx, redis.url(), POLL_OFF);
        assertFalse(knows(hubB, "maria"));

        hubA.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        await("node B knows the new account", 1_500, () -> knows(hubB, "maria"));
        assertEquals(200, signInStatus(hubB, "maria"));

        Account maria = TestHub.await(hubA.hub.accounts().account("maria")).orElseThrow();
        TestHub.await(hubA.hub.accounts().saveAccount(maria.withDisabled(true)));
        await("node B knows the account is disabled", 1_500, () -> knowsDisabled(hubB, "maria"));
        assertEquals(401, signInStatus(hubB, "maria"));
    }

    @Test
    void anAccountSavedByAnotherProcessReachesTheRunningNodes(Vertx vertx) throws Exception {
        startTwoNodes(vertx, redis.url(), POLL_OFF);
        // What `user add` does while the nodes run: its own store on the same Redis.
        RedisSettingsStore tool = TestHub.await(RedisSettingsStore.connect(vertx, redis.url(), "main", Clock.systemUTC()));
        try {
            TestHub.await(tool.saveAccount(advocate("tomas")));
        } finally {
            TestHub.await(tool.close());
        }
        await("both nodes know the account", 1_500, () -> knows(hubA, "tomas") && knows(hubB, "tomas"));
    }

    @Test
    void accountsAreReadFromMemoryAndReloadedWhenTheNoticeConnectionReconnects(Vertx vertx) throws Exception {
        startTwoNodes(vertx, redis.url(), POLL_OFF);
        // First a change node B hears of, so that its subscription is live (as in the settings test above).
        hubA.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        await("node B hears of the first change", 5_000, () -> knows(hubB, "maria"));
        String json = HubJson.mapper().writeValueAsString(advocate("tomas"));

        redis.inspect(r -> r.hset("hearth:{main}:accounts", "tomas", json));
        // A later settings notice on the same notice connection, and B's reload for it: whatever the write could
        // have set off at B came before, so by now it would have.
        ProgramSettings later = withQuickExit(hubA.hub.settings().get(), NEW_EXIT);
        TestHub.await(hubA.hub.settings().save(later));
        await("node B hears of the later settings change", 5_000, () -> later.equals(hubB.hub.settings().get()));
        assertFalse(knows(hubB, "tomas"), "no notice and no poll: node B answers from memory");

        redis.inspect(r -> assertTrue(r.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub()) >= 2));
        await("node B reloads the accounts after re-subscribing", 5_000, () -> knows(hubB, "tomas"));
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
        // A later account notice on the same notice connection, and B's reload for it: whatever the write could
        // have set off at B came before, so by now it would have.
        hubA.addAccount("marker", Role.ADVOCATE, List.of("en"), 2);
        await("node B hears of the later account", 5_000, () -> knows(hubB, "marker"));
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

    /** A signed-in lead on one node: the Cookie header value and the session's CSRF token. */
    private record Lead(TestHub hub, String cookie, String csrf) {
        static Lead signIn(TestHub hub, String username) throws Exception {
            var r = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                    .sendJsonObject(new JsonObject().put("username", username).put("password", TestHub.PASSWORD)));
            assertEquals(200, r.statusCode(), r.bodyAsString());
            String cookie = r.cookies().get(0);
            return new Lead(hub, cookie.substring(0, cookie.indexOf(';')), r.bodyAsJsonObject().getString("csrfToken"));
        }

        io.vertx.core.Future<Integer> addPartner(String name) {
            return hub.http().post(hub.port(), "localhost", "/api/v1/lead/partners")
                    .putHeader("Cookie", cookie).putHeader("X-CSRF-Token", csrf)
                    .sendJsonObject(new JsonObject().put("name", name).put("phone", "+1 555 010 0300"))
                    .map(io.vertx.ext.web.client.HttpResponse::statusCode);
        }
    }

    /**
     * Two leads on two nodes add partners to the directory at the same moment, twenty each: every one is kept, on both
     * nodes (each save is a compare-and-set on the settings' version, and a miss applies the change again).
     */
    @Test
    void twoLeadsOnTwoNodesChangingTheSettingsAtOnceLoseNoChange(Vertx vertx) throws Exception {
        startTwoNodes(vertx, redis.url(), POLL_OFF);
        hubA.addAccount("lena", Role.LEAD, List.of("en"), 2);
        hubA.addAccount("rosa", Role.LEAD, List.of("es"), 2);
        await("node B knows both leads", 1_500, () -> knows(hubB, "lena") && knows(hubB, "rosa"));
        Lead onA = Lead.signIn(hubA, "lena");
        Lead onB = Lead.signIn(hubB, "rosa");

        List<io.vertx.core.Future<Integer>> adds = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            adds.add(onA.addPartner("North shelter " + i));
            adds.add(onB.addPartner("South shelter " + i));
        }
        io.vertx.core.Future.all(adds).await(30, TimeUnit.SECONDS);
        for (io.vertx.core.Future<Integer> add : adds) assertEquals(201, add.result());

        assertEquals(40, TestHub.await(hubA.hub.settingsStore().programSettings()).partners().size(), "all forty stored");
        await("both nodes serve all forty", 5_000,
                () -> hubA.hub.settings().get().partners().size() == 40 && hubB.hub.settings().get().partners().size() == 40);
    }
}
