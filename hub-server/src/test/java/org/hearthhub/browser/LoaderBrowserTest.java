package org.hearthhub.browser;

import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loader (docs/widget.md, "Loader ↔ chat messages"): it passes the snippet's options to the chat's
 * frame, and obeys only its own frame, from the hub's origin, and only within bounds: a hostile host
 * page, another frame or a hostile chat frame cannot get it to run a script URL or to take the page over.
 */
class LoaderBrowserTest extends BrowserTestBase {

    private String frameSrc() {
        toHostPage();
        return String.valueOf(browser.js("return document.getElementById('hearth-chat').src"));
    }

    private void openHostPageWithProgram(String program) {
        toHostPage();
        browser.driver.get(host.url("/?lang=en&program=" + URLEncoder.encode(program, StandardCharsets.UTF_8)));
        // Only the frame's address is looked at: the hub answers a program it does not host with 404, so no
        // launcher is waited for (the hub's side of `program` is ProgramHostingTest's).
        browser.until(d -> Boolean.TRUE.equals(browser.js("return document.getElementById('hearth-chat') !== null")));
    }

    /** Has the real chat ask for a distinctive size and waits until the loader applied it: messages before it were handled. */
    private void afterTheChatsNextMessage() {
        intoChat();
        browser.js("parent.postMessage({type: 'hearth:size', w: 333, h: 77, left: false}, '*')");
        browser.until(d -> Math.round(frameBox().get("width").doubleValue()) == 333);
    }

    @Test
    void aProgramNameInTheSnippetReachesTheChatsAddress() {
        openHostPageWithProgram("riverside-north2");
        assertTrue(frameSrc().startsWith(hub.publicUrl() + "/w/?"), frameSrc());
        assertTrue(frameSrc().contains("lang=en") && frameSrc().contains("program=riverside-north2"), frameSrc());
    }

    @Test
    void aProgramThatIsNotANameIsLeftOut() {
        for (String bad : List.of("Riverside", "-north", "a/../b", "x\" onload=\"alert(1)", "a".repeat(41), "riverside north", "")) {
            openHostPageWithProgram(bad);
            assertFalse(frameSrc().contains("program="), () -> "'" + bad + "' reached the chat: " + frameSrc());
            assertTrue(frameSrc().contains("lang=en"), "the other options still pass: " + frameSrc());
        }
        openHostPageWithProgram("a".repeat(40));
        assertTrue(frameSrc().contains("program=" + "a".repeat(40)), "forty characters are a name");
    }

    @Test
    void theChatFrameCanOnlySendTheHostPageToAWebAddress() {
        for (String bad : List.of("javascript:document.title='taken'", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                "JaVaScRiPt:alert(1)", "//evil.example/")) {
            openHostPage("en");
            intoChat();
            browser.js("parent.postMessage({type: 'hearth:exit', url: arguments[0]}, '*')", bad);
            browser.until(d -> topUrl().equals("about:blank"));
            assertEquals("about:blank", topUrl(), "'" + bad + "' became a neutral blank page");
        }
        openHostPage("en");
        intoChat();
        browser.js("parent.postMessage({type: 'hearth:exit', url: ['javascript:alert(1)']}, '*')");
        browser.until(d -> topUrl().equals("about:blank"));
    }

    @Test
    void theChatFrameCannotGrowBeyondTheWindowOrRestyleItself() {
        openHostPage("en");
        intoChat();
        browser.js("parent.postMessage({type: 'hearth:size', w: 99999, h: 99999, left: 'yes'}, '*')");
        browser.js("parent.postMessage({type: 'hearth:size', w: '100vw;position:static', h: '100vh'}, '*')");
        browser.js("parent.postMessage({type: 'hearth:size', w: 5000, h: 5000}, '*')");
        toHostPage();
        // 5000 & 511 (the loader keeps 9 bits of a width, 10 of a height): the last message is in
        browser.until(d -> "392px".equals(browser.js("return document.getElementById('hearth-chat').style.width")));
        Map<String, Number> f = frameBox();
        double w = f.get("innerWidth").doubleValue(), h = f.get("innerHeight").doubleValue();
        assertTrue(f.get("width").doubleValue() <= Math.min(511, w * 0.96) + 1 && f.get("height").doubleValue() <= h * 0.96 + 1,
                "the frame stays a corner of the window: " + f);
        assertTrue(f.get("left").doubleValue() >= 0 && f.get("bottom").doubleValue() <= h, "and inside it: " + f);
        assertEquals("fixed", browser.js("return getComputedStyle(document.getElementById('hearth-chat')).position"));
        assertEquals("0px", browser.js("return getComputedStyle(document.getElementById('hearth-chat')).borderTopWidth"));
    }

    @Test
    void messagesFromTheHostPageOrAnotherFrameMoveNothing() {
        String page = host.url("/?lang=en");
        openHostPage("en");
        // The host page itself, and another frame of the hub's origin, tell the loader to leave.
        browser.js("window.postMessage({type: 'hearth:exit', url: arguments[0]}, '*')", host.url("/about"));
        browser.js("var f = document.createElement('iframe'); f.id = 'other'; f.src = arguments[0]; document.body.appendChild(f);",
                hub.publicUrl() + "/w/?lang=en");
        browser.driver.switchTo().frame(browser.visible(By.id("other")));
        browser.visible(By.id("launcher"));
        browser.js("parent.postMessage({type: 'hearth:exit', url: arguments[0]}, '*');"
                + "parent.postMessage({type: 'hearth:size', w: 500, h: 1000}, '*')", host.url("/about"));
        // The host page tells the chat to resize or leave, in the loader's words.
        toHostPage();
        browser.js("var w = document.getElementById('hearth-chat').contentWindow;"
                + "w.postMessage({type: 'hearth:exit', url: 'https://evil.example/'}, '*');"
                + "w.postMessage({type: 'hearth:quick-exit'}, '*'); w.postMessage('hearth:exit', '*');");
        afterTheChatsNextMessage();
        assertEquals(page, topUrl(), "nothing but the chat frame moves the loader");
        assertEquals(333L, Math.round(frameBox().get("width").doubleValue()));
        assertFalse(panelShown(), "the chat took no orders from the host page");
    }

    @Test
    void escapeTwiceOnAHostPageWhoseChatWasNeverOpenedStays() throws Exception {
        String page = host.url("/?lang=en");
        openHostPage("en");
        browser.driver.findElement(By.tagName("h1")).click();
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).pause(100).sendKeys(Keys.ESCAPE).perform();
        // and the host page's own script relaying Escapes: the chat's rule is the same
        browser.js("var w = document.getElementById('hearth-chat').contentWindow; w.postMessage('hearth:escape', '*');"
                + "w.postMessage('hearth:escape', '*');");
        afterTheChatsNextMessage();
        assertEquals(page, topUrl(), "a visitor who never opened the chat is not sent away");

        // Once opened (and minimized again), the same two Escapes are a quick exit.
        WsClient advocate = hub.advocateOnShift("maria");
        openWidget();
        browser.visible(By.id("min")).click();
        browser.until(d -> !panelShown());
        toHostPage();
        browser.driver.findElement(By.tagName("h1")).click();
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).pause(100).sendKeys(Keys.ESCAPE).perform();
        browser.until(d -> topUrl().equals(host.exitUrl()));
        advocate.expectNone("ended", 100); // no chat was going
    }

    @Test
    void aroundTheLauncherTheHostPageShowsThroughEvenADarkOne() throws Exception {
        openHostPage("en");
        launcher();
        toHostPage();
        // A host page in dark colours: a frame whose colour scheme differs from its page's gets an opaque backdrop.
        browser.js("document.documentElement.style.colorScheme = 'dark'; document.body.style.background = 'rgb(0, 0, 0)';");
        Map<String, Number> f = frameBox();
        java.awt.image.BufferedImage shot = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                browser.driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
        double scale = shot.getWidth() / f.get("innerWidth").doubleValue();
        int x = (int) Math.round((f.get("left").doubleValue() + 2) * scale), y = (int) Math.round((f.get("top").doubleValue() + 2) * scale);
        assertEquals(0x000000, shot.getRGB(x, y) & 0xffffff, "the frame's corner, outside the launcher, shows the host's black");
    }
}
