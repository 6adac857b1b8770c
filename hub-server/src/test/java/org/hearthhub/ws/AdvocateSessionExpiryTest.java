package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An open console does not outlive its session's idle timeout (30 minutes here): frames the advocate
 * sends are activity and keep it alive, a periodic check is not activity, and a console whose session
 * has idled out is told and closed with 4401, as after a logout.
 */
class AdvocateSessionExpiryTest {
    private static final Duration IDLE = Duration.ofMinutes(30);

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;
    String session;

    private WsClient signedInConsole(Vertx vertx, long sessionCheckMillis) throws Exception {
        hub = hubs.sessionCheckMillis(sessionCheckMillis).start();
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        session = hub.login("maria");
        WsClient ws = WsClient.connect(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), session);
        ws.await("shift");
        return ws;
    }

    /** Every check by hand; the timer is left off (as in the other hub tests). */
    private WsClient signedInConsole(Vertx vertx) throws Exception {
        return signedInConsole(vertx, 3_600_000);
    }

    private void checkSessions() {
        hub.hub.sockets().checkAdvocateSessions();
    }

    private static void assertToldAndClosed(WsClient ws) throws Exception {
        JsonObject error = ws.await("error");
        assertEquals("forbidden", error.getString("code"));
        assertEquals("Please sign in again.", error.getString("message"));
        long deadline = System.currentTimeMillis() + 5000;
        while (!ws.isClosed() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertTrue(ws.isClosed(), "a console whose session ended must not keep showing chats");
        assertEquals((short) 4401, ws.closeStatus());
    }

    private int meStatus() throws Exception {
        HttpResponse<?> r = TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/console/me")
                .putHeader("Cookie", session).send());
        return r.statusCode();
    }

    @Test
    void aSessionKeptBusyStillEndsAtItsMaximumAgeByTheHubsClock(Vertx vertx) throws Exception {
        signedInConsole(vertx);
        // Busy all day: a request every 20 minutes never lets the 30-minute idle timeout run out.
        for (Duration age = Duration.ZERO; age.compareTo(Duration.ofHours(15).plusMinutes(40)) <= 0; age = age.plusMinutes(20)) {
            assertEquals(200, meStatus(), "still signed in at " + age);
            hub.clock.advance(Duration.ofMinutes(20));
        }
        hub.clock.advance(Duration.ofMinutes(20)); // 16 h 20 min after sign-in
        assertEquals(401, meStatus(), "auth.sessionMaxHours (16) counts on the hub's clock, not the wall clock");
    }

    /** Starts a shift and waits for the answer, proving the frame was handled. */
    private static void startShift(WsClient ws) {
        ws.send("shift.start", "capacity", 2);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift"));
    }

    @Test
    void aConsoleWhoseSessionIdledOutIsToldAndClosed(Vertx vertx) throws Exception {
        WsClient ws = signedInConsole(vertx);
        hub.clock.advance(IDLE.minusMinutes(1));
        checkSessions();
        ws.expectNone("error", 200);
        assertFalse(ws.isClosed());

        hub.clock.advance(Duration.ofMinutes(2));
        checkSessions();
        assertToldAndClosed(ws);
    }

    @Test
    void theTimerNoticesWithinItsPeriodWithoutAnyFrame(Vertx vertx) throws Exception {
        WsClient ws = signedInConsole(vertx, 100);
        hub.clock.advance(IDLE.plusSeconds(1));
        assertToldAndClosed(ws);
    }

    @Test
    void checksInSlicesReachEveryConsoleOnceARoundNotAllAtOnce(Vertx vertx) throws Exception {
        hub = hubs.start();
        List<WsClient> consoles = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            hub.addAccount("adv" + i, Role.ADVOCATE, List.of("en"), 2);
            WsClient ws = WsClient.connect(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, hub.publicUrl(), hub.login("adv" + i));
            ws.await("shift");
            consoles.add(ws);
        }
        hub.clock.advance(IDLE.plusMinutes(1));

        TestHub.await(hub.hub.sockets().checkAdvocateSessions(0, 4));
        Thread.sleep(300); // the told consoles' closes arrive; the others' never would without their slice
        long closedByOneSlice = consoles.stream().filter(WsClient::isClosed).count();
        // Each console's slice is drawn at random: all twelve in one of four has a chance of 4^-12.
        assertTrue(closedByOneSlice < consoles.size(), "one slice of four checked every console");

        for (int slice = 1; slice < 4; slice++) TestHub.await(hub.hub.sockets().checkAdvocateSessions(slice, 4));
        for (WsClient ws : consoles) assertToldAndClosed(ws);
    }

    @Test
    void aCheckIsNotActivityAndDoesNotExtendTheSession(Vertx vertx) throws Exception {
        WsClient ws = signedInConsole(vertx);
        for (int check = 0; check < 5; check++) {
            hub.clock.advance(Duration.ofMinutes(5));
            checkSessions();
        }
        ws.expectNone("error", 200);
        hub.clock.advance(Duration.ofMinutes(6)); // 31 minutes after sign-in, checked five times meanwhile
        checkSessions();
        assertToldAndClosed(ws);
    }

    @Test
    void framesTheAdvocateSendsKeepTheSessionAlive(Vertx vertx) throws Exception {
        WsClient ws = signedInConsole(vertx);
        hub.clock.advance(Duration.ofMinutes(20));
        startShift(ws);
        hub.clock.advance(Duration.ofMinutes(20)); // 40 minutes after sign-in, 20 after the last frame
        checkSessions();
        ws.expectNone("error", 200);
        assertFalse(ws.isClosed());
        assertEquals(200, meStatus(), "the session in the store was renewed, not only the socket's view of it");
    }

    @Test
    void anAdvocateWaitingOnShiftStaysSignedInWhileTheyUseTheConsole(Vertx vertx) throws Exception {
        WsClient ws = signedInConsole(vertx);
        startShift(ws);
        ws.await("queue");
        for (int i = 0; i < 4; i++) { // two hours on a quiet shift, touching the console every 25 minutes
            hub.clock.advance(Duration.ofMinutes(25));
            ws.send("active");
            ws.expectNone("error", 100);
            checkSessions();
        }
        assertFalse(ws.isClosed());
        assertEquals(200, meStatus());
        hub.clock.advance(IDLE.plusMinutes(1)); // then nobody touches it
        checkSessions();
        assertToldAndClosed(ws);
    }

    @Test
    void aFrameAfterTheSessionIdledOutIsRefusedNotHandled(Vertx vertx) throws Exception {
        WsClient ws = signedInConsole(vertx);
        startShift(ws);
        hub.clock.advance(IDLE.plusMinutes(1));
        ws.send("shift.end");
        assertToldAndClosed(ws);
        assertNotNull(TestHub.await(hub.hub.conversations().shiftOf("maria")), "the shift.end of an ended session was not acted on");
        assertEquals(401, meStatus());
    }

    @Test
    void framesSentTogetherAreStillHandledInOrder(Vertx vertx) throws Exception {
        WsClient ws = signedInConsole(vertx);
        ws.send("shift.start", "capacity", 1).send("shift.end").send("shift.start", "capacity", 2);
        JsonObject last = ws.awaitMatching("shift", f -> f.getBoolean("onShift") && f.getInteger("capacity") == 2);
        assertEquals(2, last.getInteger("capacity"));
        assertEquals(2, TestHub.await(hub.hub.conversations().shiftOf("maria")).capacity());
    }
}
