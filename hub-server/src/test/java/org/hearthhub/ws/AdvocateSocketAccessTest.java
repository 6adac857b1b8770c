package org.hearthhub.ws;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.settings.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console socket opens only for a live staff session, and only from the hub's own origin. */
class AdvocateSocketAccessTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    Vertx vertx;
    TestHub hub;

    @BeforeEach
    void accounts() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
    }

    private int refusedStatus(String origin, String cookie) {
        return WsClient.refusedStatus(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, origin, cookie);
    }

    private WsClient console(String origin, String cookie) throws Exception {
        return WsClient.connect(vertx, hub.port(), SocketEndpoints.ADVOCATE_PATH, origin, cookie);
    }

    @Test
    void refusedWithoutASessionCookie() {
        assertEquals(401, refusedStatus(hub.publicUrl(), null));
        assertEquals(401, refusedStatus(hub.publicUrl(), "theme=dark; lang=en"));
        assertEquals(401, refusedStatus(hub.publicUrl(), "hearth_session="));
    }

    @Test
    void refusedWithABogusSessionCookie() {
        assertEquals(401, refusedStatus(hub.publicUrl(), "hearth_session=bogus"));
        assertEquals(401, refusedStatus(hub.publicUrl(), "hearth_session=" + "A".repeat(43)));
        assertEquals(401, refusedStatus(hub.publicUrl(), "hearth_session=" + "x".repeat(5000)));
    }

    @Test
    void refusedFromAForeignOrigin() throws Exception {
        String session = hub.login("maria");
        assertEquals(403, refusedStatus("https://evil.example", session));
        assertEquals(403, refusedStatus("http://localhost:" + (hub.port() + 1), session), "another port is another origin");
        assertEquals(403, refusedStatus("https://localhost:" + hub.port(), session), "another scheme is another origin");
        assertEquals(403, refusedStatus(hub.publicUrl() + ".evil.example", session));
    }

    @Test
    void refusedWithoutAnOrigin() throws Exception {
        String session = hub.login("maria");
        assertEquals(403, refusedStatus(null, session));
        assertEquals(403, refusedStatus("null", session), "sandboxed frames and file: pages send the origin \"null\"");
    }

    @Test
    void acceptedWithASessionFromThePublicOrigin() throws Exception {
        try (WsClient console = console(hub.publicUrl(), hub.login("maria"))) {
            JsonObject shift = console.await("shift");
            assertFalse(shift.getBoolean("onShift"));
            console.send("shift.start", "capacity", 2);
            assertTrue(console.awaitMatching("shift", s -> s.getBoolean("onShift")).getBoolean("onShift"));
        }
    }

    @Test
    void loggedOutSessionNoLongerConnectsAndItsOpenSocketCloses() throws Exception {
        HttpResponse<?> login = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new JsonObject().put("username", "maria").put("password", TestHub.PASSWORD)));
        assertEquals(200, login.statusCode());
        String setCookie = login.cookies().get(0);
        String session = setCookie.substring(0, setCookie.indexOf(';'));
        String csrf = login.bodyAsJsonObject().getString("csrfToken");

        WsClient open = console(hub.publicUrl(), session);
        open.await("shift");

        HttpResponse<?> logout = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/logout")
                .putHeader("Cookie", session).putHeader("X-CSRF-Token", csrf).send());
        assertEquals(204, logout.statusCode());

        assertEquals(401, refusedStatus(hub.publicUrl(), session));
        JsonObject error = open.await("error");
        assertEquals("forbidden", error.getString("code"));
        long deadline = System.currentTimeMillis() + 5000;
        while (!open.isClosed() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertTrue(open.isClosed(), "a socket of an ended session must not keep showing chats");
    }

    @Test
    void unknownSocketPathIsRefused() {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(hub.port(), "localhost", "/ws/other")
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
            assertEquals(404, assertInstanceOf(UpgradeRejectedException.class, e.getCause()).getStatus());
        } finally {
            client.close();
        }
    }
}
