package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Partner;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In Chromium: an advocate offers a warm referral from the chat's "Refer to partner program" action (only the
 * directory's programs on this hub are listed), sees the survivor's answer in the chat, and the partner's advocate
 * finds the chat in their queue and tab marked as referred, with what was shared.
 */
class WarmReferralConsoleBrowserTest extends ConsoleBrowserTestBase {

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
        HostedProgram riverside = TestHub.await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        HostedProgram main = hub.hub.programs().defaultProgram();
        TestHub.await(main.settings().save(main.settings().get().withPartners(List.of(
                new Partner("p-river", "Riverside Shelter", List.of("shelter"), List.of("English"), null, null, null, null, "riverside", null),
                new Partner("p-out", "Legal Aid North", List.of("legal aid"), List.of("English"), "555-0100", null, null, null, null, null)))));
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        hub.addAccountIn("rosa", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        assertTrue(riverside.id().value().equals("riverside"));
    }

    private void onShift() {
        browser.waitForText("#connection", "Connected");
        browser.waitFor("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");
    }

    @Test
    void anAdvocateOffersAReferralAndThePartnersAdvocateSeesItMarked() throws Exception {
        submitLogin("maria");
        onShift();
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");
        survivor.send("message", "clientId", "s1", "text", "I need a safe place tonight");
        browser.waitForText(".chat:not([hidden]) .log", "I need a safe place tonight");

        browser.find(".chat:not([hidden]) [data-action='refer']").click();
        browser.waitFor("#refer[open]");
        String listed = browser.find("#refer-partners").getText();
        assertTrue(listed.contains("Riverside Shelter · shelter"), listed);
        assertFalse(listed.contains("Legal Aid North"), "an outside partner gets a card, not a referral: " + listed);
        browser.find("#refer-reason").sendKeys("They have a bed for you tonight.");
        browser.screenshot("advocate-15-refer");
        assertEquals(List.of(), browser.seriousAccessibilityViolations());
        browser.find("#refer-ok").click();
        browser.waitGone("#refer[open]");
        JsonObject offer = survivor.await("referral.offer");
        assertEquals("They have a bed for you tonight.", offer.getString("reason"));
        // Nobody is on shift at Riverside yet: the survivor was told so, and the advocate sees that they were.
        browser.waitForText(".chat:not([hidden]) .log",
                "Referral to Riverside Shelter offered; the survivor was told nobody is on shift there now.");

        survivor.send(new JsonObject().put("type", "referral.answer").put("offer", offer.getString("offer")).put("accept", true)
                .put("share", "transcript"));
        survivor.await("moved");
        browser.waitForText(".chat:not([hidden]) .log", "The survivor accepted the referral");

        browser.clearCookies();
        submitLogin("rosa");
        onShift();
        WebElement badge = browser.waitFor("#queue .queue-item .referred");
        assertEquals("Referred from main · conversation shared", badge.getText());
        browser.find("#queue .queue-item .accept").click();
        browser.waitForText(".chat:not([hidden]) .log", "I need a safe place tonight");
        assertTrue(browser.find(".chat:not([hidden]) .log").getText().contains("Referred from main: conversation shared."),
                browser.find(".chat:not([hidden]) .log").getText());
        browser.screenshot("advocate-16-referred-in");
    }
}
