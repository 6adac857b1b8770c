package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.FakeTwilio.CallRequest;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A hotline call as the advocate sees it in headless Chromium: in the queue as Phone · ES, then as a call. */
class HotlineConsoleBrowserTest extends ConsoleBrowserTestBase {
    private static final String HOTLINE = "+15550000001";
    private static final String CALLER = "+15557654334";

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOutWithTwilio("HEARTH_VOICE_NUMBER", HOTLINE);
    }

    private HttpResponse<Buffer> webhook(String pathAndQuery, Map<String, String> form) throws Exception {
        HttpResponse<Buffer> r = hub.twilioWebhook(pathAndQuery, form);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r;
    }

    private static Map<String, String> form(String callSid, String from, String... more) {
        Map<String, String> f = new HashMap<>(Map.of("CallSid", callSid, "AccountSid", FakeTwilio.ACCOUNT_SID, "From", from, "To", HOTLINE,
                "CallStatus", "in-progress"));
        for (int i = 0; i < more.length; i += 2) f.put(more[i], more[i + 1]);
        return f;
    }

    private static String attribute(String xml, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]+)\"").matcher(xml);
        assertTrue(m.find(), name + " in " + xml);
        return m.group(1).replace("&amp;", "&");
    }

    @Test
    void aCallWaitsAsPhoneInTheQueueRingsTheAdvocatesPhoneAndOpensAsACallWithoutAComposer() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en", "es"), 2);
        Account maria = TestHub.await(hub.hub.settingsStore().account("maria")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(maria.withPhone("+15550101234")));
        submitLogin("maria");
        browser.waitForText("#connection", "Connected");
        browser.waitFor("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");

        // Signing in saves the person's own preferences: their program phone, staff data a lead set, stays.
        assertEquals("+15550101234", TestHub.await(hub.hub.settingsStore().account("maria")).orElseThrow().phone());
        webhook("/voice/twilio", form("CA01", CALLER));
        String queued = webhook("/voice/twilio/language", form("CA01", CALLER, "Digits", "2")).bodyAsString();
        assertTrue(queued.contains("<Enqueue"), queued);
        WebElement item = browser.waitFor("#queue .queue-item");
        String shown = item.getText();
        assertTrue(shown.contains("Phone"), shown);
        assertTrue(shown.contains("ES"), shown);
        assertTrue(shown.matches("(?s).*0:0\\d.*"), "the wait ticks as for chats: " + shown);
        assertFalse(shown.contains("34"), "the queue shows no digits of the number: " + shown);

        WebElement accept = item.findElement(org.openqa.selenium.By.cssSelector(".accept"));
        assertEquals("Accept call 1 (rings your program phone)", accept.getAttribute("aria-label"));
        accept.click();
        browser.waitForText("body", "Calling your program phone");
        CallRequest ring = twilio.awaitCall(CallRequest::placesCall);
        String whisper = webhook(ring.url(), form(ring.newSid(), HOTLINE, "To", "+15550101234")).bodyAsString();
        webhook(attribute(whisper, "action"), form(ring.newSid(), HOTLINE, "To", "+15550101234", "Digits", "1"));

        browser.waitForText(".chat:not([hidden]) .chat-meta", "Phone •••• 34");
        assertTrue(browser.find(".chat:not([hidden]) .chat-meta").getText().contains("ES"));
        assertFalse(browser.find(".chat:not([hidden]) form.composer").isDisplayed(), "nothing to type into a call");
        assertFalse(browser.find(".chat:not([hidden]) [data-action='video']").isDisplayed(), "no video for a caller");
        assertFalse(browser.find(".chat:not([hidden]) [data-action='voice']").isDisplayed(), "nor a Jitsi voice call: they are on the phone");
        assertTrue(browser.find(".chat:not([hidden]) [data-action='ring']").isDisplayed());
        browser.waitForText(".chat:not([hidden]) .log", "Nothing typed here reaches the caller");

        browser.find(".chat:not([hidden]) [data-action='safety']").click();
        browser.find("#confirm-ok").click();
        assertEquals("completed", twilio.awaitCall(c -> "CA01".equals(c.callSid())).status(), "safety end hangs up the caller");
    }
}
