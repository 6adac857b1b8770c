package org.hearthhub.guard;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code limits.connectionsPerSource}: one source (an address, or a client behind a trusted proxy) holds
 * at most that many sockets and requests in progress; past it a handshake or request gets 429, and any
 * other source is served as before.
 */
class ConnectionCapTest {
    /** Linux answers on all of 127/8: a client bound here is another source on the same machine. */
    private static final String OTHER_ADDRESS = "127.0.0.66";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    Vertx vertx;
    TestHub hub;
    final List<WsClient> open = new ArrayList<>();

    @AfterEach
    void closeSockets() {
        open.forEach(WsClient::close);
    }

    private void startHub(Map<String, String> env) throws Exception {
        hub = hubs.start(env);
    }

    private WebSocketConnectOptions survivorSocket(String forwardedFor) {
        WebSocketConnectOptions target = WsClient.target(hub.port(), "/ws/survivor", null, null).setHost("127.0.0.1");
        if (forwardedFor != null) target.addHeader("X-Forwarded-For", forwardedFor);
        return target;
    }

    private static WebSocketClientOptions from(String localAddress) {
        WebSocketClientOptions options = WsClient.clientOptions();
        return localAddress == null ? options : options.setLocalAddress(localAddress);
    }

    /** A survivor socket that starts a chat (and so holds its place). */
    private WsClient survivor(String localAddress, String forwardedFor) throws Exception {
        WsClient s = WsClient.connect(vertx, from(localAddress), survivorSocket(forwardedFor));
        open.add(s);
        s.send("start", "lang", "en");
        s.await("started");
        return s;
    }

    private int refused(String localAddress, String forwardedFor) {
        return WsClient.refusedStatus(vertx, from(localAddress), survivorSocket(forwardedFor));
    }

    private HttpResponse<Buffer> status(String localAddress, String forwardedFor, String lang) throws Exception {
        WebClient client = WebClient.create(vertx, localAddress == null ? new WebClientOptions()
                : new WebClientOptions().setLocalAddress(localAddress));
        try {
            var request = client.get(hub.port(), "127.0.0.1", "/api/v1/status?lang=" + lang);
            if (forwardedFor != null) request.putHeader("X-Forwarded-For", forwardedFor);
            return TestHub.await(request.send());
        } finally {
            client.close();
        }
    }

    @Test
    void oneSourceHoldsAtMostItsCapAndAnotherSourceIsServed() throws Exception {
        startHub(Map.of("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "3"));
        for (int i = 0; i < 3; i++) survivor(null, null);

        assertEquals(429, refused(null, null), "a fourth socket from the same address");
        HttpResponse<Buffer> busy = status(null, null, "es");
        assertEquals(429, busy.statusCode(), "requests share the cap with sockets");
        assertEquals("rate_limited", busy.bodyAsJsonObject().getString("code"));
        assertEquals("Hay demasiadas conexiones desde su red a la vez. Cierre otras ventanas de chat o vuelva a intentarlo en un momento.",
                busy.bodyAsJsonObject().getString("message"));

        survivor(OTHER_ADDRESS, null);
        assertEquals(200, status(OTHER_ADDRESS, null, "en").statusCode(), "another source is not affected");

        open.remove(0).close();
        awaitSocketAccepted(null);
    }

    @Test
    void behindATrustedProxyTheCapIsPerClientNotPerProxy() throws Exception {
        startHub(Map.of("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "2", "HEARTH_TRUSTED_PROXIES", "127.0.0.1"));
        survivor(null, "203.0.113.5");
        survivor(null, "203.0.113.5");
        assertEquals(429, refused(null, "203.0.113.5"));
        assertEquals(429, status(null, "203.0.113.5", "en").statusCode());

        survivor(null, "203.0.113.6");
        assertEquals(200, status(null, "203.0.113.7", "en").statusCode(), "same proxy, other clients: served");
    }

    @Test
    void consoleSocketsCountToo() throws Exception {
        startHub(Map.of("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "1"));
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        String cookie = hub.login("maria");
        // The sign-in request holds the one place until the hub has written its answer, a moment after the client
        // has read it (and possibly on another event loop than the socket's handshake).
        WsClient console = awaitAccepted(() -> WsClient.connect(vertx, hub.port(), "/ws/advocate", hub.publicUrl(), cookie),
                "the sign-in request's place was never freed");
        console.await("shift");
        assertEquals(429, refused(null, null));
        survivor(OTHER_ADDRESS, null);
    }

    /** A place frees when a socket closes; the hub hears of the close a moment after the client. */
    private void awaitSocketAccepted(String localAddress) throws Exception {
        awaitAccepted(() -> WsClient.connect(vertx, from(localAddress), survivorSocket(null)), "the closed socket's place was never freed");
    }

    /** Connects, trying again for up to five seconds while the hub answers 429; any other failure fails at once. */
    private WsClient awaitAccepted(Callable<WsClient> connect, String never) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            try {
                WsClient ws = connect.call();
                open.add(ws);
                return ws;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UpgradeRejectedException r) || r.getStatus() != 429) throw e;
                Thread.sleep(20);
            }
        }
        return fail(never);
    }

    @Test
    void aSourceKeepsItsCountAcrossAKeyRotation() {
        ConnectionCap cap = new ConnectionCap(2);
        Source before = new Source("key1-hash", null);
        Source after = new Source("key2-hash", "key1-hash"); // the same address, once the key has rotated
        ConnectionCap.Lease first = cap.open(before);
        assertNotNull(cap.open(before));
        assertNull(cap.open(after), "a new key is no fresh allowance");

        first.close();
        first.close();
        assertEquals(1, cap.held(after), "closing twice frees one place");
        assertNotNull(cap.open(after));
        assertNull(cap.open(after));
        assertNotNull(cap.open(new Source("someone-else", null)));
    }
}
