package org.hearthhub.browser;

import io.vertx.core.Vertx;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.QueuedConversation;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.FlakyNetwork;
import org.hearthhub.testing.HostSite;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One headless Chromium and one host website per test class; a fresh hub per test, embedded in the
 * host site with the documented snippet. Quick exit is pointed at the host site's neutral page so
 * that no test ever makes a request off this machine.
 */
abstract class BrowserTestBase {
    static Vertx vertx;
    static Browser browser;
    static HostSite host;

    @TempDir
    Path dataDir;
    TestHub hub;
    /** Only when {@link #behindFlakyNetwork()}: the cuttable link between browser and hub. */
    FlakyNetwork network;

    @BeforeAll
    static void startBrowser() throws Exception {
        assertTrue(Browser.available(), "browser tests need Debian's chromium and chromium-driver (ops/ensure-test-tools.sh)");
        vertx = Vertx.vertx();
        host = HostSite.start(vertx);
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        try {
            if (browser != null) browser.close();
        } finally {
            if (host != null) host.close();
            TestHub.await(vertx.close());
        }
    }

    /** Whether the browser reaches the hub through a {@link FlakyNetwork} (the hub's public URL is then the relay's). */
    boolean behindFlakyNetwork() {
        return false;
    }

    @BeforeEach
    void startHub() throws Exception {
        startHub(Map.of());
        browser.freshTab();
    }

    /** Replaces this test's hub by one started with these extra HEARTH_* options. */
    void restartHub(Map<String, String> env) throws Exception {
        stopHub();
        startHub(env);
    }

    private void startHub(Map<String, String> env) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        if (behindFlakyNetwork()) {
            network = FlakyNetwork.start(vertx);
            all.put("HEARTH_PUBLIC_URL", "http://localhost:" + network.port());
            hub = TestHub.start(vertx, dataDir, all);
            network.forwardTo(hub.port());
        } else {
            hub = TestHub.start(vertx, dataDir, all);
        }
        host.embed(hub.publicUrl());
        updateSettings(s -> s);
    }

    @AfterEach
    void stopHub() throws Exception {
        if (hub != null) hub.close();
        if (network != null) network.close();
        hub = null;
        network = null;
    }

    /** Saves settings as a lead's console would (store, then the hub's in-memory copy); quick exit always stays local. */
    void updateSettings(UnaryOperator<ProgramSettings> change) throws Exception {
        ProgramSettings s = change.apply(TestHub.await(hub.hub.settingsStore().programSettings()));
        ProgramSettings.WidgetLook w = s.widget();
        ProgramSettings local = new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(), s.cannedResponses(),
                new ProgramSettings.WidgetLook(w.title(), w.notice(), w.primaryColor(), w.position(), host.exitUrl(), w.embedOrigins()),
                s.retention());
        TestHub.await(hub.hub.settingsStore().saveProgramSettings(local));
        TestHub.await(hub.hub.settings().reload());
    }

    // ---- the host page and the widget in it

    /** The program's page with the widget embedded with {@code data-lang}, or without it when {@code lang} is null; ends on the host page. */
    void openHostPage(String lang) {
        browser.driver.switchTo().defaultContent();
        browser.driver.get(host.url(lang == null ? "/" : "/?lang=" + lang));
        launcher();
        toHostPage();
    }

    /** The launcher, drawn by the chat inside its iframe; leaves the driver in that iframe. */
    WebElement launcher() {
        intoChat();
        return browser.visible(By.id("launcher"));
    }

    /** Whether the chat's panel shows (checked inside the iframe, where the driver stays). */
    boolean panelShown() {
        intoChat();
        return browser.driver.findElement(By.id("panel")).isDisplayed();
    }

    /** The chat's iframe as the host page lays it out: {left, top, right, bottom, width, height} in CSS pixels. */
    @SuppressWarnings("unchecked")
    Map<String, Number> frameBox() {
        toHostPage();
        return (Map<String, Number>) browser.js("var r = document.getElementById('hearth-chat').getBoundingClientRect();"
                + "return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,"
                + " innerWidth: innerWidth, innerHeight: innerHeight};");
    }

    /** Clicks the launcher and, inside the chat's iframe, waits for a screen to show. */
    void openWidget() {
        launcher().click();
        intoChat();
        browser.visible(By.cssSelector(".screen:not([hidden]) h2"));
    }

    void intoChat() {
        browser.driver.switchTo().defaultContent();
        browser.driver.switchTo().frame(browser.visible(By.id("hearth-chat")));
    }

    void toHostPage() {
        browser.driver.switchTo().defaultContent();
    }

    /** From the intro screen: starts a chat and waits for the composer. */
    void startChat() {
        browser.visible(By.id("start")).click();
        browser.visible(By.id("input"));
    }

    /** From the host page in {@code lang}: opens the widget, starts a chat, has this advocate accept it; returns its id. */
    String chatWith(WsClient advocate, String lang) throws Exception {
        openHostPage(lang);
        openWidget();
        startChat();
        return acceptNext(advocate);
    }

    /** Types a message and presses Enter, as a survivor would. */
    void type(String text) {
        WebElement input = browser.visible(By.id("input"));
        input.sendKeys(text);
        input.sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    /** Waits until the message log shows a line containing {@code text}. */
    WebElement line(String text) {
        return browser.withText(By.cssSelector("#log .msg"), text);
    }

    /** The texts of the survivor's and the advocate's messages in the log, top to bottom (no system lines). */
    List<String> lines() {
        return browser.driver.findElements(By.cssSelector("#log .msg:not(.system) .text")).stream().map(WebElement::getText).toList();
    }

    /** Accepts the conversation that has waited longest and returns its id. */
    String acceptNext(WsClient advocate) throws Exception {
        List<QueuedConversation> queue = TestHub.await(hub.hub.liveStore().queue());
        assertFalse(queue.isEmpty(), "nobody is waiting");
        String id = queue.get(0).id();
        advocate.send("accept", "conversation", id);
        assertEquals(id, advocate.await("conversation").getString("conversation"));
        return id;
    }

    /**
     * Reviews the chat screen now shown (call from inside the iframe): the quick exit button is
     * visible and on screen, a screenshot is saved, and axe-core finds nothing serious or critical.
     */
    void checkScreen(String screenshot, String screen) {
        WebElement exit = browser.visible(By.id("exit"));
        Number bottom = (Number) browser.js("return arguments[0].getBoundingClientRect().bottom", exit);
        assertTrue(bottom.doubleValue() > 0 && bottom.doubleValue() <= ((Number) browser.js("return innerHeight")).doubleValue(),
                screen + ": the quick exit button is on screen");
        screenshot(screenshot);
        assertAccessible(screen);
    }

    /** Runs axe-core on the current document; fails on any serious or critical violation. */
    void assertAccessible(String screen) {
        List<String> violations = browser.seriousAccessibilityViolations();
        assertTrue(violations.isEmpty(), () -> screen + ": serious/critical accessibility violations:\n" + String.join("\n", violations));
    }

    /** A screenshot of the whole tab (host page and chat) as target/screenshots/{name}.png. */
    void screenshot(String name) {
        browser.screenshot(name);
    }

    String topUrl() {
        browser.driver.switchTo().defaultContent();
        return browser.driver.getCurrentUrl();
    }

    void openNewTab() {
        browser.driver.switchTo().newWindow(WindowType.TAB);
    }
}
