package org.hearthhub.browser;

import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Quick exit, however it is triggered, ends the chat at the hub, leaves the program's site for the
 * lead's neutral page through location.replace (so Back skips the site) and keeps nothing behind.
 */
class QuickExitBrowserTest extends BrowserTestBase {

    /** Visits a page first so that Back has somewhere to go, then the program's site; starts a chat an advocate takes. */
    private String chatInProgress(WsClient advocate) throws Exception {
        browser.driver.get(host.url("/before"));
        openHostPage("en");
        openWidget();
        startChat();
        String id = acceptNext(advocate);
        browser.withText(By.id("chat-h"), "Chatting with Advocate maria");
        type("he is coming back");
        advocate.awaitMatching("message", m -> "he is coming back".equals(m.getString("text")));
        return id;
    }

    private void assertLeftForTheNeutralPage(WsClient advocate, String id, String reason, String screenshot) throws Exception {
        browser.until(d -> topUrl().equals(host.exitUrl()));
        browser.withText(By.tagName("h1"), "Weather");
        screenshot(screenshot);
        assertEquals(reason, advocate.awaitMatching("ended", e -> id.equals(e.getString("conversation"))).getString("reason"));
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)), "the conversation is purged at the hub");
        assertEquals(0L, browser.js("return sessionStorage.length"), "the loader keeps nothing in the host origin's storage");

        browser.driver.navigate().back();
        browser.until(d -> topUrl().equals(host.url("/before")));
        assertEquals(host.url("/before"), topUrl(), "Back skips the program's site");

        // The chat's own storage (the hub's origin, this tab): the resume token is gone too.
        browser.driver.get(hub.publicUrl() + "/health");
        assertEquals(0L, browser.js("return sessionStorage.length"));
    }

    @Test
    void quickExitButtonLeavesForTheNeutralPage() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatInProgress(advocate);
        browser.visible(By.id("exit")).click();
        assertLeftForTheNeutralPage(advocate, id, "quick_exit", "20-quick-exit-button-landed");
    }

    @Test
    void escapePressedTwiceInTheChatLeaves() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatInProgress(advocate);
        browser.visible(By.id("input")).sendKeys(Keys.ESCAPE);
        browser.driver.findElement(By.id("input")).sendKeys(Keys.ESCAPE);
        assertLeftForTheNeutralPage(advocate, id, "quick_exit", "21-escape-twice-landed");
    }

    @Test
    void escapePressedTwiceOnTheHostPageLeaves() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatInProgress(advocate);
        toHostPage();
        browser.driver.findElement(By.tagName("h1")).click();
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).pause(100).sendKeys(Keys.ESCAPE).perform();
        assertLeftForTheNeutralPage(advocate, id, "quick_exit", "22-escape-twice-on-host-landed");
    }

    @Test
    void oneEscapeDoesNotLeave() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatInProgress(advocate);
        browser.visible(By.id("input")).sendKeys(Keys.ESCAPE);
        // The chat times Escapes by performance.now(): its clock, not the test, moves on by more than the second.
        browser.js("var now = performance.now.bind(performance); performance.now = function () { return now() + 1100; };");
        browser.driver.findElement(By.id("input")).sendKeys(Keys.ESCAPE);
        // A quick exit would have emptied the chat and sent its exit before this message: the socket keeps order.
        type("still here");
        advocate.awaitMatching("message", m -> "still here".equals(m.getString("text")));
        assertEquals(host.url("/?lang=en"), topUrl(), "two Escapes more than a second apart are not a quick exit");
        advocate.expectNone("ended", 100);
        assertEquals(id, TestHub.await(hub.hub.liveStore().conversation(id)).id());
    }

    @Test
    void safetyExitFromTheAdvocateLeavesAtOnce() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatInProgress(advocate);
        advocate.send("end", "conversation", id, "safetyExit", true);
        assertLeftForTheNeutralPage(advocate, id, "safety_exit", "23-safety-exit-landed");
    }
}
