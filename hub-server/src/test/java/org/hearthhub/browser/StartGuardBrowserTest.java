package org.hearthhub.browser;

import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The widget when the hub is wary of its source: it pays a proof of work (with a "connecting" notice)
 * and reaches the queue, or, refused, says why and shows the referrals. The browser and the test's own
 * socket both come from 127.0.0.1, so the test's chat uses up the source's share first.
 */
class StartGuardBrowserTest extends BrowserTestBase {

    /** Records every text the connection notice shows, however briefly. */
    private void watchConnectionNotice() {
        browser.js("window.__conn = []; var c = document.getElementById('conn');"
                + "new MutationObserver(function () { __conn.push(c.textContent); })"
                + ".observe(c, {childList: true, characterData: true, subtree: true});");
    }

    /** A hub with these limits where someone on the browser's network (127.0.0.1) already waits; the widget opened. */
    private void afterAChatFromTheSameNetwork(Map<String, String> limits) throws Exception {
        restartHub(limits);
        WsClient sameNetwork = hub.survivor();
        sameNetwork.send("start", "lang", "en");
        sameNetwork.await("started");
        openHostPage("en");
        openWidget();
    }

    @Test
    void widgetSolvesTheChallengeAndReachesTheQueue() throws Exception {
        afterAChatFromTheSameNetwork(Map.of("HEARTH_LIMITS_QUEUED_PER_SOURCE", "1", "HEARTH_LIMITS_CHALLENGE_BITS", "12"));
        watchConnectionNotice();
        startChat();
        browser.withText(By.id("position"), "You are number 2 in line.");
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) browser.js("return window.__conn");
        assertTrue(shown.contains("Connecting securely… This can take a few seconds."), "the notice while solving: " + shown);
        assertTrue(browser.driver.findElement(By.id("conn")).getText().isEmpty(), "and gone once started");
        assertEquals(2, TestHub.await(hub.hub.liveStore().queue()).size());
    }

    @Test
    void refusedStartSaysWhyAndShowsTheReferralsInBothLanguages() throws Exception {
        afterAChatFromTheSameNetwork(Map.of("HEARTH_LIMITS_QUEUED_PER_SOURCE", "1", "HEARTH_LIMITS_MAX_QUEUED_PER_SOURCE", "1"));
        browser.visible(By.id("start")).click();
        browser.withText(By.id("intro-error"), "Too many chats were started from your network");
        List<WebElement> calls = browser.driver.findElements(By.cssSelector("#intro-help a[href^='tel:']"));
        assertFalse(calls.isEmpty(), "the referrals are right there");
        assertTrue(browser.visible(By.id("intro-help")).getText().contains("National Domestic Violence Hotline"));
        assertTrue(browser.visible(By.id("start")).isEnabled(), "they may try again later");
        checkScreen("40-start-refused", "refused start");

        openHostPage("es");
        openWidget();
        browser.visible(By.id("start")).click();
        browser.withText(By.id("intro-error"), "Se iniciaron demasiados chats desde tu red");
        assertTrue(browser.visible(By.id("intro-help")).getText().contains("Línea Nacional de Violencia Doméstica"));
        assertEquals(1, TestHub.await(hub.hub.liveStore().queue()).size(), "nothing was queued");
    }
}
