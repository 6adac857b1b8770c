package org.hearthhub.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Sender;
import org.hearthhub.live.AppendResult;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.model.Referral;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A referral an advocate sends shows in the survivor's chat as a card with tap-to-call, tap-to-text
 * and website links; it is redrawn after a reload. Links are only tel:/sms: of digits and https
 * addresses and words are only text, even for a referral the hub itself would have refused.
 */
class ReferralsInChatBrowserTest extends BrowserTestBase {

    private List<String> hrefs(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute("href")).toList();
    }

    @Test
    void referralShowsAsTappableLinksAndIsRedrawnAfterAReload() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "en");
        advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "r1")
                .put("referrals", new JsonArray().add(new JsonObject().put("name", "City Shelter").put("phone", "(555) 010-2000")
                        .put("sms", "88788").put("text", "Beds tonight.").put("url", "https://shelter.example.org/beds"))));
        intoChat();
        WebElement card = browser.withText(By.cssSelector("#log .msg .chat-refs .ref"), "City Shelter");
        assertEquals(List.of("tel:5550102000"), hrefs("#log .chat-refs a[href^='tel:']"));
        assertEquals(List.of("sms:88788"), hrefs("#log .chat-refs a[href^='sms:']"));
        assertEquals(List.of("https://shelter.example.org/beds"), hrefs("#log .chat-refs a[href^='https:']"));
        assertTrue(card.getText().contains("Call (555) 010-2000") && card.getText().contains("Beds tonight."), card.getText());
        assertTrue(browser.driver.findElements(By.cssSelector("#log .msg .text")).stream()
                .noneMatch(e -> e.getText().contains("City Shelter:")), "the card replaces the plain-text copy");
        checkScreen("survivor-referral-in-chat", "referral in chat");

        toHostPage();
        browser.driver.navigate().refresh();
        intoChat();
        browser.withText(By.cssSelector("#log .chat-refs .ref"), "City Shelter");
        assertEquals(List.of("tel:5550102000"), hrefs("#log .chat-refs a[href^='tel:']"), "resume redraws the card");
    }

    @Test
    void hostileReferralRendersInert() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "en");
        // Straight into the live store, past the hub's own checks: the widget must not trust them either.
        Referral hostile = new Referral("<img src=x onerror=alert(1)>", "javascript:alert(1)", "<script>alert(2)</script>",
                "<b>bold</b>", "javascript:alert(3)");
        Referral sneaky = new Referral("Sneaky", "+1 555 0100", "12", null, "data:text/html,<script>alert(4)</script>");
        Referral plainHttp = new Referral("Old site", null, null, null, "http://old.example.org");
        AppendResult r = TestHub.await(hub.hub.liveStore().append(id, Sender.ADVOCATE, "x1", "plain copy",
                List.of(hostile, sneaky, plainHttp), Instant.now()));
        hub.hub.liveStore().publish(new LiveEvent.MessageAdded(id, r.message()));

        intoChat();
        browser.withText(By.cssSelector("#log .chat-refs .ref"), "Sneaky");
        List<String> links = hrefs("#log .chat-refs a");
        assertEquals(List.of("tel:+15550100"), links, "only the real phone number is a link");
        assertTrue(browser.driver.findElements(By.cssSelector("#log img, #log script, #log b")).isEmpty(), "no markup was made");
        assertTrue(browser.withText(By.cssSelector("#log .chat-refs .ref"), "<img src=x onerror=alert(1)>").getText()
                .contains("<b>bold</b>"), "names and words show as typed");
        assertFalse(browser.alertOpen(), "no injected script ran");
        assertEquals(0L, browser.js("return document.querySelectorAll('[onerror], [onclick]').length"));
    }
}
