package org.hearthhub.browser;

import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keyboard only, visible focus, sensible focus moves, a 320 px wide screen, reduced motion. */
class AccessibilityBrowserTest extends BrowserTestBase {

    private String activeId() {
        return String.valueOf(browser.js("return document.activeElement && document.activeElement.id"));
    }

    /** The launcher's box inside the chat's frame. */
    @SuppressWarnings("unchecked")
    private Map<String, Number> launcherBox() {
        intoChat();
        return (Map<String, Number>) browser.js("var r = document.getElementById('launcher').getBoundingClientRect();"
                + "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};");
    }

    private void press(CharSequence key) {
        new Actions(browser.driver).sendKeys(key).perform();
    }

    /** Tabs forward until the element with this id has focus (in the current document). */
    private void tabTo(String id) {
        for (int i = 0; i < 12 && !id.equals(activeId()); i++) press(Keys.TAB);
        assertEquals(id, activeId(), "Tab reaches #" + id);
    }

    @Test
    void keyboardOnlySurvivorOpensStartsChatsAndMinimizes() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        openHostPage("en");
        // Tab through the host page into the chat's frame, where the launcher is the only thing to reach.
        for (int i = 0; i < 5 && !"hearth-chat".equals(activeId()); i++) press(Keys.TAB);
        assertEquals("hearth-chat", activeId(), "Tab reaches the chat's frame");
        intoChat();
        assertEquals("launcher", activeId(), "and in it the launcher");
        assertEquals("false", launcher().getAttribute("aria-expanded"));
        press(Keys.ENTER);

        // Focus moves onto the screen's heading.
        browser.until(d -> "intro-h".equals(activeId()));
        assertEquals("true", launcher().getAttribute("aria-expanded"));
        tabTo("start");
        WebElement start = browser.driver.findElement(By.id("start"));
        assertEquals("solid", start.getCssValue("outline-style"), "focus is visible");
        assertTrue(start.getCssValue("outline-width").startsWith("3"), "a 3px focus ring");
        press(Keys.ENTER);

        browser.until(d -> "input".equals(activeId()));
        acceptNext(advocate);
        press("hello from the keyboard");
        press(Keys.ENTER);
        advocate.awaitMatching("message", m -> "hello from the keyboard".equals(m.getString("text")));

        tabTo("min");
        press(Keys.ENTER);
        browser.until(d -> !panelShown());
        assertEquals("launcher", activeId(), "focus returns to the launcher");
        assertEquals("false", launcher().getAttribute("aria-expanded"));
        WebElement launcher = launcher();
        assertEquals("solid", launcher.getCssValue("outline-style"), "the launcher's focus is visible");
        Map<String, Number> frame = frameBox();
        Map<String, Number> box = launcherBox();
        assertTrue(box.get("left").doubleValue() - 5 >= 0 && box.get("right").doubleValue() + 5 <= frame.get("width").doubleValue()
                && box.get("top").doubleValue() - 5 >= 0 && box.get("bottom").doubleValue() + 5 <= frame.get("height").doubleValue(),
                () -> "the focus ring (3px, 2px away) fits in the frame: launcher " + box + " in " + frame);
        intoChat();
        press(Keys.ENTER);
        browser.until(d -> panelShown());
        browser.until(d -> "input".equals(activeId()));
        assertEquals(List.of("hello from the keyboard"), lines(), "minimizing keeps the chat");
    }

    @Test
    void usableOnAScreen320PixelsWide() throws Exception {
        browser.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 320, "height", 640,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            WsClient advocate = hub.advocateOnShift("maria");
            openHostPage("en");
            openWidget();
            assertNoSidewaysScroll("intro");
            startChat();
            String id = acceptNext(advocate);
            advocate.send("message", "conversation", id, "clientId", "a1",
                    "text", "A long reply that has to wrap on a narrow phone screen without any sideways scrolling at all.");
            line("narrow phone screen");
            assertNoSidewaysScroll("chat");
            for (String el : List.of("exit", "input", "end")) {
                Number right = (Number) browser.js("return document.getElementById(arguments[0]).getBoundingClientRect().right", el);
                assertTrue(right.doubleValue() <= ((Number) browser.js("return window.innerWidth")).doubleValue(), el + " fits");
            }
            Map<String, Number> frame = frameBox();
            assertTrue(frame.get("left").doubleValue() >= 0 && frame.get("right").doubleValue() <= 320,
                    "the panel fits the screen: " + frame);
            intoChat();
            checkScreen("50-narrow-320px", "chat at 320 px");
        } finally {
            browser.driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private void assertNoSidewaysScroll(String screen) {
        Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertEquals(0L, overflow.longValue(), screen + " scrolls sideways at 320 px");
    }

    @Test
    void reducedMotionIsRespected() throws Exception {
        openHostPage("en");
        openWidget();
        startChat();
        WebElement send = browser.driver.findElement(By.cssSelector("#composer button"));
        assertEquals("smooth", browser.driver.findElement(By.id("talk")).getCssValue("scroll-behavior"));
        assertEquals("0.15s", send.getCssValue("transition-duration"));
        browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-reduced-motion", "value", "reduce"))));
        try {
            browser.until(d -> d.findElement(By.id("talk")).getCssValue("scroll-behavior").equals("auto"));
            assertEquals("0s", send.getCssValue("transition-duration"), "no transitions when motion is reduced");
        } finally {
            browser.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }
}
