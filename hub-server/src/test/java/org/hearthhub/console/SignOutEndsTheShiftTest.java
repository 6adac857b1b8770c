package org.hearthhub.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.Role;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing out is the advocate leaving: {@code POST /api/v1/logout} ends their shift, as {@code shift.end} would (only
 * while they hold no chat), once it is the account's last live session; on one node's memory and on the live Redis.
 */
class SignOutEndsTheShiftTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;
    Vertx vertx;
    TestHub hub;
    ConsoleClient client;

    private void start(String store) throws Exception {
        vertx = Vertx.vertx();
        if (store.equals("redis")) redis.flushAll();
        hub = TestHub.start(vertx, dataDir, store.equals("redis") ? Map.of("HEARTH_LIVE_REDIS_URL", redis.url()) : Map.of());
        client = new ConsoleClient(hub);
    }

    @AfterEach
    void stop() throws Exception {
        if (hub != null) hub.close();
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
    }

    private ConversationService conversations() {
        return hub.hub.programs().defaultProgram().conversations();
    }

    /** A console of this session, its shift started. */
    private WsClient onShift(ConsoleClient.Staff who) throws Exception {
        WsClient console = WsClient.connect(vertx, hub.port(), "/ws/advocate", hub.publicUrl(), who.cookie());
        console.await("shift");
        console.send("shift.start", "capacity", 2);
        console.awaitMatching("shift", s -> s.getBoolean("onShift"));
        return console;
    }

    private void signOut(ConsoleClient.Staff who) throws Exception {
        assertEquals(204, client.post("/api/v1/logout", who, null).statusCode());
    }

    private String chatHeldBy(WsClient console) throws Exception {
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        console.send("accept", "conversation", id);
        console.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");
        return id;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void signingOutOnShiftWithNoChatEndsTheShiftSoNoColleagueCanPassThemOne(String store) throws Exception {
        start(store);
        ConsoleClient.Staff maria = client.account("maria", Role.ADVOCATE);
        WsClient console = onShift(maria);
        WsClient ana = hub.advocateOnShift("ana");
        String anas = chatHeldBy(ana);

        signOut(maria);
        assertEquals((short) 4401, console.awaitClose(5_000), "her console closes, as at any sign-out");
        assertNull(TestHub.await(conversations().shiftOf("maria")), "she is off shift");
        ana.send("transfer", "conversation", anas, "to", "maria");
        JsonObject refused = ana.await("error");
        assertEquals("bad_request", refused.getString("code"), "nobody can pass a chat to someone who left: " + refused);
        assertEquals("ana", TestHub.await(conversations().heldBy("ana")).get(0).advocate());
        assertTrue(TestHub.await(hub.hub.settingsStore().auditEntries(0, 1000)).stream()
                .anyMatch(e -> e.record().action().equals("shift.end") && e.record().actor().equals("maria")), "logged as any shift's end");
    }

    /** As {@code shift.end} refuses while chats are held: the shift and the chat stay hers, and come back as she signs in. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void signingOutHoldingAChatLeavesTheShiftAndTheChatWithHer(String store) throws Exception {
        start(store);
        ConsoleClient.Staff maria = client.account("maria", Role.ADVOCATE);
        WsClient console = onShift(maria);
        String id = chatHeldBy(console);

        signOut(maria);
        assertEquals((short) 4401, console.awaitClose(5_000));
        assertNotNull(TestHub.await(conversations().shiftOf("maria")), "still on shift: her chat is not dropped");
        Conversation held = TestHub.await(conversations().conversation(id));
        assertEquals("maria", held.advocate());

        ConsoleClient.Staff back = client.login("maria", TestHub.PASSWORD, null);
        WsClient again = WsClient.connect(vertx, hub.port(), "/ws/advocate", hub.publicUrl(), back.cookie());
        assertTrue(again.await("shift").getBoolean("onShift"));
        again.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
    }

    /** A shift is the account's: signing out of one computer leaves it on the other; the last sign-out ends it. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void signingOutOfOneOfTwoComputersLeavesTheShiftUntilTheLast(String store) throws Exception {
        start(store);
        ConsoleClient.Staff laptop = client.account("maria", Role.ADVOCATE);
        ConsoleClient.Staff desktop = client.login("maria", TestHub.PASSWORD, null);
        WsClient laptopConsole = onShift(laptop);
        WsClient desktopConsole = WsClient.connect(vertx, hub.port(), "/ws/advocate", hub.publicUrl(), desktop.cookie());
        assertTrue(desktopConsole.await("shift").getBoolean("onShift"));

        signOut(laptop);
        assertEquals((short) 4401, laptopConsole.awaitClose(5_000));
        assertNotNull(TestHub.await(conversations().shiftOf("maria")), "she is still at the desktop");
        desktopConsole.expectNone("shift", 500);
        assertFalse(desktopConsole.isClosed());

        signOut(desktop);
        assertEquals((short) 4401, desktopConsole.awaitClose(5_000));
        assertNull(TestHub.await(conversations().shiftOf("maria")), "the last sign-out ends it");
    }
}
