package org.hearthhub.ws;

import io.vertx.core.Vertx;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The survivor socket opens for the chat app (served by the hub, so its Origin is the hub's public URL)
 * and for clients that are no browser (no Origin), never for a page of another site: otherwise any web
 * page could make each of its visitors' browsers start a chat, flooding the queue from as many networks.
 */
class SurvivorSocketOriginTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    Vertx vertx;
    TestHub hub;

    private void assertStarts(WsClient survivor) {
        survivor.send("start", "lang", "en");
        survivor.await("started");
        survivor.close();
    }

    @Test
    void aPageOfAnotherSiteCannotOpenIt() {
        for (String origin : List.of("https://evil.example", "http://localhost:" + (hub.port() + 1), "https://localhost:" + hub.port(),
                hub.publicUrl() + ".evil.example", "null")) {
            assertEquals(403, WsClient.refusedStatus(vertx, hub.port(), SocketEndpoints.SURVIVOR_PATH, origin, null), origin);
        }
    }

    @Test
    void theChatAppFromTheHubsOwnOriginOpensIt() throws Exception {
        assertStarts(WsClient.connect(vertx, hub.port(), SocketEndpoints.SURVIVOR_PATH, hub.publicUrl(), null));
    }

    @Test
    void aClientThatIsNoBrowserSendsNoOriginAndOpensIt() throws Exception {
        assertStarts(hub.survivor());
    }
}
