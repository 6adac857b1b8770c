package org.hearthhub.chat;

import io.vertx.core.json.JsonObject;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Capacity is the person's, across the programs they work in: "lupe" works in "main" and "riverside" and keeps a
 * console socket open for each, as the console page does for the queues she chose. Real sockets, in memory here; on
 * Redis with each program's socket on another node in {@link RedisCapacityAcrossProgramsTest}.
 */
class CapacityAcrossProgramsTest {
    static final String PUBLIC_URL = "http://hearth.test";
    static final String EN_FULL = "You are holding as many chats as your capacity allows, counting those in your other programs.";
    static final String ES_FULL = "Ya tiene tantos chats como permite su capacidad, contando los de sus otros programas.";

    static Map<String, String> env() {
        return Map.of("HEARTH_PUBLIC_URL", PUBLIC_URL, "HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "1000",
                "HEARTH_LIMITS_QUEUED_PER_SOURCE", "1000", "HEARTH_LIMITS_MAX_QUEUED_PER_SOURCE", "10000");
    }

    /** The first node: here the only one; the Redis variant puts it on Redis and adds a second node. */
    @RegisterExtension
    final TestHubExtension node = TestHubExtension.startedByTest().env(env()).redisStores(this::redisStores);
    final List<TestHub> hubs = new ArrayList<>();

    /** Live state and settings in memory and files here; on Redis in the Redis variant. */
    RedisStores redisStores() {
        return null;
    }

    /** The hubs the test runs on: one here; the Redis variant starts two nodes. */
    void startHubs() throws Exception {
        hubs.add(node.start());
    }

    /** The node serving a program's consoles and survivors: the first for main, the last for riverside. */
    TestHub nodeOf(String program) {
        return program.equals("main") ? hubs.get(0) : hubs.get(hubs.size() - 1);
    }

    @BeforeEach
    void twoProgramsAndAPersonInBoth() throws Exception {
        startHubs();
        await(hubs.get(0).hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        for (TestHub h : hubs) await(h.hub.programs().sync());
        account("lupe", "en", 3, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        account("luz", "es", 2, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        account("rob", "en", 3, Map.of("riverside", Role.ADVOCATE));
    }

    private void account(String username, String uiLanguage, int capacity, Map<String, Role> programs) throws Exception {
        TestHub first = hubs.get(0);
        first.addAccount(username, Role.ADVOCATE, List.of("en", "es"), capacity);
        Account a = await(first.hub.accounts().account(username)).orElseThrow();
        await(first.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), Role.ADVOCATE, a.passwordHash(), null,
                false, capacity, a.languages(), uiLanguage, a.createdAt(), false, null, programs, false)));
        for (TestHub h : hubs) await(h.hub.accounts().reload());
    }

    /** A console socket for one program, on shift with the capacity given. */
    private WsClient console(String username, String program, int capacity) throws Exception {
        TestHub node = nodeOf(program);
        WsClient ws = WsClient.connect(node.vertx, node.port(), "/ws/advocate?program=" + program, PUBLIC_URL, node.login(username));
        ws.await("shift");
        ws.send("shift.start", "capacity", capacity);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
        return ws;
    }

    /** A survivor of the program who starts a chat; returns the socket, its conversation id in {@link #ids}. */
    private final Map<WsClient, String> ids = new java.util.HashMap<>();

    private WsClient waiting(String program) throws Exception {
        TestHub node = nodeOf(program);
        WsClient s = WsClient.connect(node.vertx, node.port(), "/ws/survivor?program=" + program, null, null);
        s.send("start", "lang", "en");
        ids.put(s, s.await("started").getString("conversation"));
        return s;
    }

    private void accepts(WsClient console, WsClient survivor) {
        console.send("accept", "conversation", ids.get(survivor));
        assertEquals(ids.get(survivor), console.awaitMatching("conversation", f -> f.getString("conversation").equals(ids.get(survivor)))
                .getString("conversation"));
        survivor.await("assigned");
    }

    private JsonObject refused(WsClient console, WsClient survivor) {
        console.send("accept", "conversation", ids.get(survivor));
        JsonObject error = console.awaitMatching("error", f -> ids.get(survivor).equals(f.getString("conversation")));
        assertEquals("forbidden", error.getString("code"), error.encode());
        survivor.expectNone("assigned", 300);
        return error;
    }

    /** The survivor ends their chat, and the console holding it hears so. */
    private void ends(WsClient survivor, WsClient console) {
        survivor.send("end");
        console.awaitMatching("ended", f -> f.getString("conversation").equals(ids.get(survivor)));
    }

    private HostedProgram program(TestHub node, String id) {
        return node.hub.programs().find(ProgramId.of(id)).orElseThrow();
    }

    @Test
    void anAdvocateAtCapacityAcrossTwoProgramsIsRefusedMoreInEither() throws Exception {
        WsClient atMain = console("lupe", "main", 3);
        WsClient atRiverside = console("lupe", "riverside", 3);
        WsClient m1 = waiting("main");
        WsClient m2 = waiting("main");
        WsClient r1 = waiting("riverside");
        WsClient r2 = waiting("riverside");
        WsClient m3 = waiting("main");
        accepts(atMain, m1);
        accepts(atMain, m2);
        accepts(atRiverside, r1);

        assertEquals(EN_FULL, refused(atRiverside, r2).getString("message"));
        assertEquals(EN_FULL, refused(atMain, m3).getString("message"));

        // One chat ends in main: there is room again, in either program.
        ends(m1, atMain);
        accepts(atRiverside, r2);
        refused(atMain, m3);
    }

    @Test
    void theRefusalIsInTheAdvocatesLanguage() throws Exception {
        WsClient atMain = console("luz", "main", 2);
        WsClient atRiverside = console("luz", "riverside", 2);
        WsClient m1 = waiting("main");
        WsClient r1 = waiting("riverside");
        WsClient r2 = waiting("riverside");
        accepts(atMain, m1);
        accepts(atRiverside, r1);
        assertEquals(ES_FULL, refused(atRiverside, r2).getString("message"));
    }

    @Test
    void twoProgramsRacingForTheLastPlaceGiveItToOne() throws Exception {
        WsClient atMain = console("luz", "main", 2);
        WsClient atRiverside = console("luz", "riverside", 2);
        WsClient held = waiting("main");
        accepts(atMain, held);
        for (int round = 0; round < 8; round++) {
            WsClient m = waiting("main");
            WsClient r = waiting("riverside");
            atMain.send("accept", "conversation", ids.get(m));
            atRiverside.send("accept", "conversation", ids.get(r));
            JsonObject mainAnswer = atMain.awaitFrame(f -> ids.get(m).equals(f.getString("conversation"))
                    && List.of("conversation", "error").contains(f.getString("type")), 5000);
            JsonObject riversideAnswer = atRiverside.awaitFrame(f -> ids.get(r).equals(f.getString("conversation"))
                    && List.of("conversation", "error").contains(f.getString("type")), 5000);
            assertNotNull(mainAnswer);
            assertNotNull(riversideAnswer);
            List<String> answers = List.of(mainAnswer.getString("type"), riversideAnswer.getString("type"));
            assertTrue(answers.contains("conversation") && answers.contains("error"), "round " + round + ": " + answers);
            // The one taken ends; the other leaves the queue: the next round starts from one held chat again.
            WsClient taken = mainAnswer.getString("type").equals("conversation") ? m : r;
            WsClient left = taken == m ? r : m;
            WsClient takenBy = taken == m ? atMain : atRiverside;
            ends(taken, takenBy);
            left.send("end");
            left.await("ended");
        }
    }

    @Test
    void aPersonsAcceptWaitsForTheirTurnWhicheverNodeHoldsIt() throws Exception {
        WsClient atMain = console("luz", "main", 2);
        WsClient atRiverside = console("luz", "riverside", 2);
        WsClient r1 = waiting("riverside");
        // Another step of hers holds the turn (set on the first node; her riverside socket is on the last).
        HostedProgram main = hubs.get(0).hub.programs().defaultProgram();
        assertEquals("elsewhere", await(main.live().putIfAbsent("staff:turn:luz", "elsewhere", java.time.Duration.ofSeconds(30))));
        atRiverside.send("accept", "conversation", ids.get(r1));
        JsonObject error = atRiverside.awaitFrame(f -> "error".equals(f.getString("type")), 10_000);
        assertNotNull(error, "told to try again once the wait for her turn is over");
        assertEquals("unavailable", error.getString("code"), error.encode());
        r1.expectNone("assigned", 100);

        // Given back: the same accept goes through, and the turn is not left behind.
        await(main.live().take("staff:turn:luz"));
        accepts(atRiverside, r1);
        // Given back once the accept's last step is done, a moment after her console hears of the chat.
        long until = System.currentTimeMillis() + 5000;
        while (await(main.live().peek("staff:turn:luz")) != null && System.currentTimeMillis() < until) Thread.sleep(20);
        assertEquals(null, await(main.live().peek("staff:turn:luz")));
        atMain.expectNone("error", 100);
    }

    @Test
    void aHotlineCallTakesTheWholeCapacityAcrossPrograms() throws Exception {
        WsClient atMain = console("lupe", "main", 3);
        WsClient atRiverside = console("lupe", "riverside", 3);
        WsClient m1 = waiting("main");
        accepts(atMain, m1);
        HostedProgram riverside = program(nodeOf("riverside"), "riverside");
        String call = await(riverside.conversations().startContact(Channel.PHONE, "en", "call-contact-key")).conversation().id();
        atRiverside.send("accept", "conversation", call);
        JsonObject error = atRiverside.awaitMatching("error", f -> call.equals(f.getString("conversation")));
        assertTrue(error.getString("message").contains("a call takes your whole capacity"), error.encode());

        // Free in main: the call rings her phone, she answers, and main's queue is then closed to her.
        ends(m1, atMain);
        atRiverside.send("accept", "conversation", call);
        atRiverside.awaitMatching("call", f -> call.equals(f.getString("conversation")));
        String ringing = await(riverside.live().peek("call:ringing:" + call));
        String attempt = ringing.substring(ringing.indexOf('|') + 1);
        await(riverside.conversations().answerCall("lupe", call, attempt));
        atRiverside.awaitMatching("conversation", f -> call.equals(f.getString("conversation")));
        WsClient m2 = waiting("main");
        assertTrue(refused(atMain, m2).getString("message").contains("hotline call"));
    }

    @Test
    void aTransferToSomeoneFullAcrossProgramsIsRefused() throws Exception {
        WsClient luzAtMain = console("luz", "main", 2);
        WsClient luzAtRiverside = console("luz", "riverside", 2);
        WsClient robAtRiverside = console("rob", "riverside", 3);
        WsClient m1 = waiting("main");
        WsClient m2 = waiting("main");
        accepts(luzAtMain, m1);
        accepts(luzAtMain, m2);
        WsClient r1 = waiting("riverside");
        accepts(robAtRiverside, r1);
        robAtRiverside.send("transfer", "conversation", ids.get(r1), "to", "luz");
        JsonObject error = robAtRiverside.awaitMatching("error", f -> ids.get(r1).equals(f.getString("conversation")));
        assertEquals("forbidden", error.getString("code"));
        luzAtRiverside.expectNone("conversation", 300);

        // With room again, the same transfer goes through.
        ends(m1, luzAtMain);
        robAtRiverside.send("transfer", "conversation", ids.get(r1), "to", "luz");
        luzAtRiverside.awaitMatching("conversation", f -> ids.get(r1).equals(f.getString("conversation")));
    }
}
