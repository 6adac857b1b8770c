package org.hearthhub.browser;

import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 375×740 phone: the main action and the whole conversation can be seen; nothing is cut by a nested scroll box. */
class PhoneLayoutBrowserTest extends BrowserTestBase {

    @Test
    void startChatIsOnScreenBesideTheNotice() throws Exception {
        hub.advocateOnShift("maria");
        browser.phone();
        openHostPage("en");
        openWidget();
        assertTrue(browser.inViewport(browser.visible(By.id("start"))), "Start chat is on screen, not below the fold");
        assertFrameOnScreen();
        checkScreen("phone-intro", "intro, phone");
        browser.screenshot("survivor-phone-intro");
        browser.desktop();
        browser.screenshot("survivor-desktop-intro");
    }

    @Test
    void queueBoxAndOwnMessageAreNeverCutInHalf() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        browser.phone();
        openHostPage("en");
        openWidget();
        startChat();
        WebElement waiting = browser.visible(By.id("waiting"));
        assertTrue((Boolean) browser.js("return arguments[0].scrollHeight <= arguments[0].clientHeight + 1", waiting),
                "the queue box is not a scroll box of its own that cuts referral cards in half");
        type("I am scared and I don't know what to do. He took my phone last night and I am using a friend's.");
        WebElement mine = line("He took my phone");
        browser.until(d -> browser.inViewport(mine));
        assertTrue(browser.inViewport(browser.visible(By.id("input"))), "the composer is on screen");
        assertTrue(browser.inViewport(mine), "the survivor's own message is whole on screen");
        assertFrameOnScreen();
        checkScreen("phone-waiting", "waiting, phone");
        browser.screenshot("survivor-phone-waiting");

        acceptNext(advocate);
        browser.withText(By.id("chat-h"), "Chatting with Advocate maria");
        assertTrue(browser.inViewport(browser.visible(By.id("input"))));
    }

    @Test
    void reloadWhoseStylesheetFailsShowsNoUnstyledChat() throws Exception {
        hub.advocateOnShift("maria");
        browser.phone();
        openHostPage("en");
        openWidget();
        startChat();
        toHostPage();
        browser.driver.executeCdpCommand("Network.enable", Map.of());
        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/w/app.css*")));
        browser.driver.navigate().refresh();
        intoChat();
        browser.visible(By.id("exit"));
        browser.until(d -> "resumed".equals(browser.js("return document.getElementById('chat-h').textContent ? 'resumed' : ''")));
        assertFalse(browser.driver.findElement(By.id("main")).isDisplayed(), "no unstyled chat while app.css is missing");

        browser.driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        browser.until(Duration.ofSeconds(15), d -> d.findElement(By.id("input")).isDisplayed());
        assertTrue("flex".equals(browser.js("return getComputedStyle(document.body).display")), "styled once it loads");
        assertTrue(browser.inViewport(browser.visible(By.id("input"))));
    }

    /** The chat's frame (panel and launcher) lies whole inside the phone's screen; ends inside the frame. */
    private void assertFrameOnScreen() {
        Map<String, Number> f = frameBox();
        assertTrue(f.get("left").doubleValue() >= 0 && f.get("top").doubleValue() >= 0
                && f.get("right").doubleValue() <= f.get("innerWidth").doubleValue()
                && f.get("bottom").doubleValue() <= f.get("innerHeight").doubleValue(), () -> "the chat's frame is off screen: " + f);
        intoChat();
    }
}
