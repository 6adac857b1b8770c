package org.hearthhub.browser;

import io.vertx.core.json.JsonObject;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quick exit and End pressed while the widget is reconnecting (its socket dropped and not back yet) still end the
 * chat at the hub, by a beacon ({@code POST /api/v1/exit}, {@code /api/v1/end}) that names it by its resume token.
 * Before, the hub never heard of it: the chat ran on until its idle timeout, the advocate kept writing into it and
 * its words stayed in the live store. The browser reaches the hub through a relay that, once cut and restored, keeps
 * turning the widget's socket away while letting its other requests through.
 */
class LeavingWhileReconnectingBrowserTest extends BrowserTestBase {
    /** "Within a few seconds": a beacon is one request; the idle timeout it replaces is 30 minutes. */
    private static final long FEW_SECONDS = 5_000;

    @Override
    boolean behindFlakyNetwork() {
        return true;
    }

    /** A chat the advocate took, with the canary in the survivor's words, whose socket is then lost for good. */
    private String chatThatLostItsSocket(WsClient advocate, String canary) throws Exception {
        openHostPage("en");
        openWidget();
        startChat();
        String id = acceptNext(advocate);
        type("I moved, my new address is " + canary);
        advocate.awaitMatching("message", m -> m.getString("text").contains(canary));
        assertTrue(liveStoreHolds(canary), "the canary is in the live store while the chat is live");

        network.refuse("GET /ws/survivor");
        network.cut();
        browser.withText(By.id("conn"), "Connection lost. Reconnecting…");
        network.restore(); // requests pass again; the socket does not
        return id;
    }

    private JsonObject endedAtTheConsole(WsClient advocate, String id) {
        return advocate.awaitFrame(f -> "ended".equals(f.getString("type")) && id.equals(f.getString("conversation")), FEW_SECONDS);
    }

    private boolean liveStoreHolds(String needle) {
        return ((InMemoryLiveStore) LoopConfined.target(hub.hub.liveStore())).containsText(needle);
    }

    @Test
    void quickExitWhileReconnectingEndsTheChatAtTheHub() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String canary = "canary-" + Ids.random(8);
        String id = chatThatLostItsSocket(advocate, canary);

        browser.visible(By.id("exit")).click();
        browser.until(d -> topUrl().equals(host.exitUrl()));

        assertEquals("quick_exit", endedAtTheConsole(advocate, id).getString("reason"), "the advocate is told the survivor left by quick exit");
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)), "the conversation is purged at the hub");
        assertFalse(liveStoreHolds(canary), "nothing of the chat's words is left in the live store");
    }

    @Test
    void endWhileReconnectingEndsTheChatAtTheHub() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String canary = "canary-" + Ids.random(8);
        String id = chatThatLostItsSocket(advocate, canary);

        browser.visible(By.id("end")).click();
        browser.visible(By.id("end-yes")).click();
        browser.withText(By.id("ended-h"), "Thank you for reaching out");

        assertEquals("survivor", endedAtTheConsole(advocate, id).getString("reason"), "the advocate is told the survivor ended it");
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)));
        assertFalse(liveStoreHolds(canary));
    }
}
