package org.hearthhub.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/** Two hub nodes on one live and one settings Redis: a removal on one node closes the person's console on the other at once. */
class RemoveFromProgramAcrossNodesTest {
    @RegisterExtension
    static final RedisServer live = RedisServer.perTestClass();
    @RegisterExtension
    static final RedisServer settings = RedisServer.perTestClass();

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    Vertx vertx;
    TestHub a;
    TestHub b;

    @BeforeEach
    void twoNodes() throws Exception {
        live.flushAll();
        settings.flushAll();
        vertx = Vertx.vertx();
        Map<String, String> env = Map.of("HEARTH_LIVE_REDIS_URL", live.url(), "HEARTH_SETTINGS_REDIS_URL", settings.url());
        a = TestHub.start(vertx, dirA, env);
        b = TestHub.start(vertx, dirB, env);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            if (b != null) b.close();
            if (a != null) a.close();
        } finally {
            await(vertx.close());
        }
    }

    /** Until node {@code on} has read the account as it now is (settings changes reach other nodes by notice). */
    private static void until(TestHub on, String username, java.util.function.Predicate<Optional<Account>> seen) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!seen.test(await(on.hub.accounts().account(username)))) {
            if (System.currentTimeMillis() > deadline) fail("node never saw " + username + " change");
            Thread.sleep(20);
        }
    }

    @Test
    void aConsoleForTheProgramOnAnotherNodeClosesAtOnceAndTheOtherProgramsStays() throws Exception {
        await(a.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        await(b.hub.programs().sync());
        a.addAccountIn("rita", Role.LEAD, Map.of("riverside", Role.LEAD));
        a.addAccountIn("lupe", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        until(b, "lupe", found -> found.isPresent() && found.get().memberships("main").size() == 2);

        String lupe = b.login("lupe");
        WsClient atRiverside = WsClient.connect(b.vertx, b.port(), "/ws/advocate?program=riverside", b.publicUrl(), lupe);
        atRiverside.await("shift");
        WsClient atMain = WsClient.connect(b.vertx, b.port(), "/ws/advocate?program=main", b.publicUrl(), lupe);
        atMain.await("shift");

        ConsoleClient.Staff rita = new ConsoleClient(a).login("rita", TestHub.PASSWORD, null);
        assertEquals("removed", new ConsoleClient(a).post("/api/v1/lead/staff/lupe/remove", rita, new JsonObject())
                .bodyAsJsonObject().getString("outcome"));
        assertEquals((short) 4403, atRiverside.awaitClose(5000), "closed on the other node, by the program's event");
        atMain.send("shift.start", "capacity", 1);
        atMain.awaitMatching("shift", f -> f.getBoolean("onShift"));
        assertFalse(atMain.isClosed());
        until(b, "lupe", found -> found.isPresent() && !found.get().memberships("main").containsKey("riverside"));
        assertEquals(403, WsClient.refusedStatus(b.vertx, b.port(), "/ws/advocate?program=riverside", b.publicUrl(), lupe));
        atMain.close();
    }
}
