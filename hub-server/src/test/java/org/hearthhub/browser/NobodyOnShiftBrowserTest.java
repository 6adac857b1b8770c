package org.hearthhub.browser;

import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Open hours, nobody on shift: the survivor is told so at once, sees the other ways in first, and may still wait. */
class NobodyOnShiftBrowserTest extends BrowserTestBase {

    @Test
    void introLeadsWithOtherWaysInAndWaitingStaysPossible() throws Exception {
        browser.desktop();
        openHostPage("en");
        openWidget();
        WebElement alone = browser.withText(By.id("unstaffed"), "No advocate is available right now.");
        List<WebElement> calls = alone.findElements(By.cssSelector(".refs a[href^='tel:']"));
        assertFalse(calls.isEmpty(), "the hotlines come with the news");
        assertTrue(browser.inViewport(calls.get(0)), "the first hotline is on screen without scrolling");
        assertFalse(browser.driver.findElement(By.id("intro-wait")).isDisplayed(), "no 'unknown' wait");
        checkScreen("nobody-on-shift-intro-desktop", "intro, nobody on shift");
        browser.fullPage("nobody-on-shift-intro-desktop-full");

        startChat();
        browser.withText(By.id("position"), "You are next in line.");
        browser.withText(By.id("wait"), "No advocate is available right now. You can keep waiting here");
        assertFalse(browser.driver.findElement(By.id("wait")).getText().contains("unknown"));
        checkScreen("nobody-on-shift-waiting-desktop", "waiting, nobody on shift");

        WsClient advocate = hub.advocateOnShift("maria");
        browser.withText(By.id("position"), "You are next in line.");
        browser.withText(By.id("wait"), "Estimated wait:");
        acceptNext(advocate);
        browser.withText(By.id("chat-h"), "Chatting with Advocate maria");
    }

    @Test
    void onAPhoneTheNewsAndAHotlineAreOnScreen() throws Exception {
        browser.phone();
        openHostPage("es");
        openWidget();
        WebElement alone = browser.withText(By.id("unstaffed"), "no hay ninguna persona de apoyo disponible");
        assertTrue(browser.inViewport(alone.findElement(By.cssSelector(".lead"))));
        checkScreen("nobody-on-shift-intro-phone", "intro, nobody on shift, phone");
    }
}
