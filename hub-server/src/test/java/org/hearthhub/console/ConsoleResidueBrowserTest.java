package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Role;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a program's shared computer keeps of a survivor's words once they are no longer the advocate's to read: after
 * signing out (and pressing Back), after a sign-out the hub did not hear, and after the chat was transferred away.
 */
class ConsoleResidueBrowserTest extends ConsoleBrowserTestBase {
    private static final String CANARY = "canary-words-7f3a";

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
    }

    /** Maria, signed in and on shift, holds a chat whose survivor wrote the canary; returns the survivor's socket. */
    private WsClient chatOnScreen() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        submitLogin("maria");
        browser.waitForText("#connection", "Connected");
        browser.waitFor("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        survivor.send("message", "clientId", "s1", "text", CANARY);
        survivor.await("ack");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");
        browser.waitForText(".chat:not([hidden]) .log", CANARY);
        return survivor;
    }

    private boolean pageHoldsCanary() {
        return (Boolean) browser.js("return document.documentElement.outerHTML.indexOf(arguments[0]) >= 0", CANARY);
    }

    /**
     * A sign-out that never reached the hub (the network dropped as the button was pressed) left the session live, yet
     * the console went to the sign-in page as if it had worked: the next person at the computer pressed Back, or opened
     * the console, and was in. The console now stays, says so, and signs out once the hub answers.
     */
    @Test
    void aSignOutTheHubDidNotHearLeavesTheConsoleWhereItIsAndSaysSo() throws Exception {
        WsClient survivor = chatOnScreen();
        browser.blockUrls("*/api/v1/logout");
        try {
            browser.find("#logout").click();
            browser.waitFor("#confirm-ok").click(); // "Sign out anyway": the chat is open
            browser.waitForText("#toast", "not signed out");
            assertTrue(browser.driver.getCurrentUrl().endsWith("/console"), "the console stays: " + browser.driver.getCurrentUrl());
        } finally {
            browser.unblockUrls();
        }
        browser.find("#logout").click();
        browser.waitFor("#confirm-ok").click(); // "Sign out anyway": the chat is open
        browser.until(d -> d.getCurrentUrl().contains("/console/login"));
        browser.open(base + "/console");
        browser.until(d -> d.getCurrentUrl().contains("/console/login"));
        assertFalse(pageHoldsCanary());
        survivor.close();
    }

    /**
     * Signing out and pressing Back shows the sign-in page, with nothing of the chat: Chromium keeps no console page in
     * its back/forward cache (no-store, and its WebSocket), so Back loads it again, and the hub sends it to sign-in.
     */
    @Test
    void signingOutThenPressingBackShowsNothingOfTheChat() throws Exception {
        WsClient survivor = chatOnScreen();
        browser.find("#logout").click();
        browser.waitFor("#confirm-ok").click(); // "Sign out anyway": the chat is open
        browser.until(d -> d.getCurrentUrl().contains("/console/login"));
        browser.driver.navigate().back();
        browser.until(d -> d.getCurrentUrl().contains("/console/login"));
        browser.waitFor("#username");
        assertFalse(pageHoldsCanary());
        assertEquals("[]", browser.js("return JSON.stringify(Object.keys(sessionStorage))"));
        assertFalse(String.valueOf(browser.js("return JSON.stringify(localStorage)")).contains(CANARY));
        survivor.close();
    }

    /**
     * A chat passed to a colleague is theirs: the console that passed it keeps only the note that it was transferred,
     * and none of the survivor's words, on screen or in the page, for whoever uses the computer next.
     */
    @Test
    void aTransferredChatLeavesNoneOfItsWordsInTheConsoleThatPassedIt() throws Exception {
        WsClient ana = hub.advocateOnShift("ana", List.of("en"), 2);
        WsClient survivor = chatOnScreen();
        String id = browser.find(".chat:not([hidden])").getAttribute("data-conversation");
        browser.waitFor(".chat:not([hidden]) [data-action='transfer']").click();
        browser.waitFor("#transfer-list button[data-username='ana']").click();
        JsonObject arrived = ana.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        assertEquals(CANARY, arrived.getJsonArray("messages").getJsonObject(0).getString("text"), "Ana has the words");
        browser.waitForText(".chat:not([hidden]) .log", "transferred to Advocate ana");
        assertFalse(pageHoldsCanary(), "the survivor's words left with the chat");
        survivor.close();
        ana.close();
    }
}
