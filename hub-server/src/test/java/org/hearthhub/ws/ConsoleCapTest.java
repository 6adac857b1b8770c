package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.Eventually;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every console is fed the queue and its chats, so one signed-in account (a stolen password, say) could open any
 * number of them from many addresses. An account keeps at most {@code limits.consolesPerAccount} consoles for a
 * program on a node (10 by default): one more closes the oldest with 4409, telling it why, and it hears nothing
 * more. Real sockets against a real hub.
 */
class ConsoleCapTest {
    private static final short CONSOLE_ELSEWHERE = 4409;
    private static final String CLOSED = "hearth_consoles_closed_total";
    private static final String ADVOCATE_SOCKETS = "hearth_sockets{side=\"advocate\"}";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded()
            .env("HEARTH_METRICS_TOKEN", TestHub.METRICS_TOKEN)
            .env("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "100")
            .env("HEARTH_LIMITS_CONSOLES_PER_ACCOUNT", "3");
    TestHub hub;

    private WsClient console(String cookie) throws Exception {
        WsClient ws = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate", hub.publicUrl(), cookie);
        ws.await("shift");
        return ws;
    }

    @Test
    void aFourthConsoleOfAnAccountClosesTheOldestWhichIsToldWhyAndHearsNothingMore() throws Exception {
        WsClient first = hub.advocate("maria", List.of("en"), 2);
        String cookie = hub.login("maria");
        List<WsClient> newer = new ArrayList<>();
        for (int i = 0; i < 2; i++) newer.add(console(cookie));
        assertFalse(first.isClosed(), "three consoles are within the cap");

        newer.add(console(hub.login("maria"))); // another session of the same account counts too
        JsonObject told = first.await("error");
        assertEquals("This console was opened in another window or tab. Reload this page to use it here.", told.getString("message"));
        assertEquals(CONSOLE_ELSEWHERE, first.awaitClose(5_000));
        assertEquals("console opened in a newer connection", first.closeReason());

        // The account's newer consoles all hear its shift start; a chat in the queue reaches them, not the oldest.
        newer.get(2).send("shift.start", "capacity", 2);
        for (WsClient console : newer) console.awaitMatching("shift", f -> f.getBoolean("onShift"));
        WsClient survivor = hub.survivorFrom("127.0.0.2");
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        newer.get(0).send("accept", "conversation", id);
        for (WsClient console : newer) console.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        assertEquals(1.0, TestHub.metric(hub.metrics(), CLOSED));
    }

    @Test
    void oneAccountOpeningConsolesOverAndOverLeavesOtherAdvocatesServed() throws Exception {
        WsClient ana = hub.advocateOnShift("ana");
        hub.advocate("maria", List.of("en"), 2).close(); // her account, and a console gone before the flood
        Eventually.until("her first console gone", () -> TestHub.metric(hub.metrics(), ADVOCATE_SOCKETS) == 1.0);
        String cookie = hub.login("maria");
        List<WsClient> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) flood.add(console(cookie));
        for (WsClient console : flood.subList(0, 17)) assertEquals(CONSOLE_ELSEWHERE, console.awaitClose(5_000));
        for (WsClient console : flood.subList(17, 20)) assertFalse(console.isClosed());

        TestHub.TakenChat chat = hub.chatTakenBy(ana, "127.0.0.3");
        chat.survivor().send("message", "clientId", "s1", "text", "hello?");
        assertEquals("hello?", ana.awaitMatching("message", m -> chat.conversation().equals(m.getString("conversation"))).getString("text"));
        assertFalse(ana.isClosed());
        assertEquals(17.0, TestHub.metric(hub.metrics(), CLOSED));
        assertEquals(4.0, TestHub.metric(hub.metrics(), ADVOCATE_SOCKETS), "ana's, and maria's three newest");
    }
}
