package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Partner;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A texter's chat in the console, in headless Chromium, with video set up: no video or voice call can reach someone
 * who has only their phone's text messages (the hub refuses the offer), so the chat's panel offers neither, however
 * the chat reached the advocate; a web chat beside it keeps both.
 */
class SmsChatConsoleBrowserTest extends ConsoleBrowserTestBase {
    private static final String RIVERSIDE_NUMBER = "+15550000002";
    private static final String TEXTER = "+15557654334";

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOutWithTwilio("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", "0123456789abcdef0123456789abcdef-test-secret");
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
    }

    private void text(String to, String body) throws Exception {
        assertEquals(200, hub.twilioWebhook("/sms/twilio", FakeTwilio.inboundText(TEXTER, to, body)).statusCode());
    }

    /** A text to main that this advocate's socket accepts; the chat's id. */
    private String textAcceptedBy(WsClient advocate, String body) throws Exception {
        text(FakeTwilio.FROM, body);
        JsonObject queue = advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        String id = queue.getJsonArray("items").getJsonObject(0).getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        return id;
    }

    private void signInOnShift(String username) {
        submitLogin(username);
        browser.waitForText("#connection", "Connected");
        browser.waitFor("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");
    }

    /** The chat's panel, found by what its heading says (its tab need not be the one shown). */
    private WebElement panelShowing(String meta) {
        return browser.until(d -> d.findElements(By.cssSelector(".chat")).stream()
                .filter(p -> p.findElement(By.cssSelector(".chat-meta")).getAttribute("textContent").contains(meta))
                .findFirst().orElse(null));
    }

    /** Whether the panel offers a video or a voice call (its buttons not hidden, whichever tab is shown). */
    private static boolean offersCalls(WebElement panel, String action) {
        return panel.findElement(By.cssSelector("[data-action='" + action + "']")).getAttribute("hidden") == null;
    }

    private static void assertNoCalls(WebElement panel, String how) {
        assertFalse(offersCalls(panel, "video"), how + ": no video button for a texter");
        assertFalse(offersCalls(panel, "voice"), how + ": no voice call button for a texter");
        assertNull(panel.findElement(By.cssSelector("form.composer")).getAttribute("hidden"), how + ": a texter is written to");
    }

    private static void assertCalls(WebElement panel, String how) {
        assertTrue(offersCalls(panel, "video"), how + ": a web chat keeps its video button");
        assertTrue(offersCalls(panel, "voice"), how + ": a web chat keeps its voice call button");
    }

    @Test
    void anAcceptedTextChatOffersNoCallsAndAWebChatBesideItStillDoesAlsoAfterAReload() throws Exception {
        signInOnShift("maria");
        text(FakeTwilio.FROM, "is anyone there");
        browser.waitForText("#queue .queue-item", "SMS");
        browser.find("#queue .queue-item .accept").click();
        WebElement sms = panelShowing("SMS •••• 34");
        browser.waitForText(".chat:not([hidden]) .log", "is anyone there");
        assertTrue(browser.find(".chat:not([hidden]) [data-action='transfer']").isDisplayed());
        assertNoCalls(sms, "accepted");
        browser.screenshot("advocate-17-sms-chat");

        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");
        assertCalls(panelShowing("Web"), "accepted");

        // A reload connects afresh: the hub sends each held chat again, and the panels are built anew from it.
        browser.driver.navigate().refresh();
        browser.waitForText("#connection", "Connected");
        assertNoCalls(panelShowing("SMS •••• 34"), "reloaded");
        assertCalls(panelShowing("Web"), "reloaded");
    }

    @Test
    void aTextChatTransferredInOffersNoCalls() throws Exception {
        WsClient ana = hub.advocateOnShift("ana");
        signInOnShift("maria");
        String id = textAcceptedBy(ana, "is anyone there");
        ana.send("transfer", "conversation", id, "to", "maria");

        WebElement sms = panelShowing("SMS •••• 34");
        browser.waitForText(".chat:not([hidden]) .log", "is anyone there");
        assertNoCalls(sms, "transferred");
    }

    @Test
    void aTextChatReferredInOffersNoCalls() throws Exception {
        hub.addProgramWithNumbers("riverside", "Riverside", RIVERSIDE_NUMBER, null);
        HostedProgram main = hub.hub.programs().defaultProgram();
        TestHub.await(main.settings().save(main.settings().get().withPartners(List.of(new Partner("p-river", "Riverside Shelter",
                List.of("shelter"), List.of("English"), null, null, null, null, "riverside", null)))));
        hub.addAccountIn("rosa", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        WsClient ana = hub.advocateOnShift("ana");
        signInOnShift("rosa");

        String id = textAcceptedBy(ana, "I need a safe place");
        ana.send("referral.propose", "conversation", id, "partner", "p-river", "reason", "They have a bed tonight.");
        ana.awaitMatching("referral", f -> "offered".equals(f.getString("state")));
        twilio.awaitDelivered(s -> s.to().equals(TEXTER) && s.body().contains("They have a bed tonight."));
        text(FakeTwilio.FROM, "SHARE"); // go, with the conversation shared

        browser.waitForText("#queue .queue-item", "SMS");
        browser.find("#queue .queue-item .accept").click();
        WebElement sms = panelShowing("SMS •••• 34");
        browser.waitForText(".chat:not([hidden]) .log", "I need a safe place");
        assertNoCalls(sms, "referred");
    }
}
