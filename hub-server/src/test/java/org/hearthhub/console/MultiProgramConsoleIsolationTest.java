package org.hearthhub.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console that takes several programs' queues opens one socket per program: each still carries its own
 * program's queue, conversations and messages only, whoever else holds a socket of the other program, and the
 * page offers the queues of the person's own programs only.
 */
class MultiProgramConsoleIsolationTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;

    @BeforeEach
    void twoProgramsAndTheirPeople() throws Exception {
        await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        await(hub.hub.programs().create(ProgramId.of("eastside"), "Eastside"));
        hub.addAccountIn("lupe", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
        hub.addAccountIn("rob", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
    }

    private WsClient console(String username, String program) throws Exception {
        WsClient ws = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate?program=" + program, hub.publicUrl(), hub.login(username));
        ws.await("shift");
        ws.send("shift.start", "capacity", 2);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
        return ws;
    }

    private String startIn(WsClient survivor) {
        survivor.send("start", "lang", "en");
        return survivor.await("started").getString("conversation");
    }

    @Test
    void eachOfOneConsolesSocketsCarriesItsOwnProgramsChatsOnly() throws Exception {
        WsClient lupeMain = console("lupe", "main");
        WsClient lupeRiverside = console("lupe", "riverside");
        WsClient rob = console("rob", "riverside");
        WsClient ours = hub.survivor();
        String mainChat = startIn(ours);
        WsClient theirs = WsClient.connect(hub.vertx, hub.port(), "/ws/survivor?program=riverside", null, null);
        String riversideChat = startIn(theirs);
        lupeMain.awaitMatching("queue", q -> q.encode().contains(mainChat));
        lupeRiverside.awaitMatching("queue", q -> q.encode().contains(riversideChat));

        // A program's chat accepted on the other program's socket of the same person: unknown there.
        lupeMain.send("accept", "conversation", riversideChat);
        assertEquals("not_found", lupeMain.awaitMatching("error", e -> riversideChat.equals(e.getString("conversation"))).getString("code"));
        lupeRiverside.send("accept", "conversation", mainChat);
        assertEquals("not_found", lupeRiverside.awaitMatching("error", e -> mainChat.equals(e.getString("conversation"))).getString("code"));

        lupeMain.send("accept", "conversation", mainChat);
        lupeMain.awaitMatching("conversation", c -> mainChat.equals(c.getString("conversation")));
        lupeRiverside.send("accept", "conversation", riversideChat);
        lupeRiverside.awaitMatching("conversation", c -> riversideChat.equals(c.getString("conversation")));
        ours.send("message", "clientId", "m1", "text", "main's words");
        theirs.send("message", "clientId", "r1", "text", "riverside's words");
        lupeMain.awaitMatching("message", m -> "main's words".equals(m.getString("text")));
        lupeRiverside.awaitMatching("message", m -> "riverside's words".equals(m.getString("text")));
        lupeMain.expectNone("typing", 300);

        // Nothing of one program on the other's sockets, this person's or a colleague's.
        for (JsonObject f : lupeMain.drain("queue")) assertFalse(f.encode().contains(riversideChat), f.encode());
        for (JsonObject f : lupeMain.pending()) assertFalse(f.encode().contains(riversideChat) || f.encode().contains("riverside's"), f.encode());
        for (JsonObject f : lupeRiverside.pending()) assertFalse(f.encode().contains(mainChat) || f.encode().contains("main's"), f.encode());
        for (JsonObject f : rob.pending()) assertFalse(f.encode().contains(mainChat) || f.encode().contains("main's"), f.encode());

        // A reconnect restores each socket's own program's chat only.
        WsClient again = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate?program=main", hub.publicUrl(), hub.login("lupe"));
        again.await("shift");
        assertEquals(mainChat, again.await("conversation").getString("conversation"));
        again.expectNone("conversation", 300);
    }

    @Test
    void theConsolePageOffersTheQueuesOfThePersonsOwnProgramsOnly() throws Exception {
        assertEquals(List.of("main", "riverside"), queuesOffered("lupe"));
        assertEquals(List.of("riverside"), queuesOffered("rob"));
    }

    /** The program ids in the console page's queue choice (its {@code data-queues}). */
    private List<String> queuesOffered(String username) throws Exception {
        String page = await(hub.http().get(hub.port(), "localhost", "/console").putHeader("Cookie", hub.login(username)).send()).bodyAsString();
        Matcher m = Pattern.compile("data-queues=\"([^\"]*)\"").matcher(page);
        assertTrue(m.find(), page);
        JsonArray queues = new JsonArray(m.group(1).replace("&quot;", "\"").replace("&#34;", "\""));
        assertFalse(m.group(1).contains("eastside") || m.group(1).contains("Eastside"), "no other program is named");
        return queues.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    }
}
