package org.hearthhub.browser;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.HostSite;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a whole chat leaves in a browser profile (docs/privacy.md, "What the browser keeps"): a fresh
 * Chromium profile, the widget used from a host page (with a reload mid-chat, which is when Chromium
 * writes compiled-code cache entries for scripts it has seen before), the chat ended or quick-exited,
 * the browser closed, then every file of the profile searched for the loader's and the chat app's
 * script names and the chat's words.
 */
class BrowserProfileResidueTest {
    private static final String SURVIVOR_WORDS = "CANARY-survivor-4e1c";
    private static final String ADVOCATE_WORDS = "CANARY-advocate-9b2d";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    Vertx vertx;
    HostSite host;
    TestHub hub;
    Browser browser;

    @AfterEach
    void stop() throws Exception {
        try {
            if (browser != null) browser.close();
        } finally {
            if (hub != null) hub.close();
            if (host != null) host.close();
        }
    }

    /** A fresh browser on the host page; quick exit leads to the host site's neutral page, never off this machine. */
    private WsClient start() throws Exception {
        assertTrue(Browser.available(), "browser tests need Debian's chromium and chromium-driver (ops/ensure-test-tools.sh)");
        host = HostSite.start(vertx);
        hub = hubs.start();
        host.embed(hub.publicUrl());
        ProgramSettings s = TestHub.await(hub.hub.settingsStore().programSettings());
        ProgramSettings.WidgetLook w = s.widget();
        TestHub.await(hub.hub.settingsStore().saveProgramSettings(new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(),
                s.referrals(), s.cannedResponses(), new ProgramSettings.WidgetLook(w.title(), w.notice(), w.primaryColor(), w.position(),
                host.exitUrl()), s.retention())));
        TestHub.await(hub.hub.settings().reload());
        browser = Browser.start();
        return hub.advocateOnShift("maria");
    }

    /** Opens the widget, chats (a reload in the middle, a referral from the advocate); returns the conversation. */
    private String chat(WsClient advocate) throws Exception {
        browser.open(host.url("/"));
        launcher().click();
        intoChat();
        browser.visible(By.id("start")).click();
        type(SURVIVOR_WORDS + " first");
        String id = TestHub.await(hub.hub.liveStore().queue()).get(0).id();
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", ADVOCATE_WORDS + " first");
        browser.withText(By.cssSelector("#log .msg"), ADVOCATE_WORDS);

        // A reload mid-chat reopens the widget and resumes: the scripts run a second time.
        browser.driver.switchTo().defaultContent();
        browser.driver.navigate().refresh();
        intoChat();
        browser.withText(By.cssSelector("#log .msg"), ADVOCATE_WORDS);
        type(SURVIVOR_WORDS + " second");
        advocate.awaitMatching("message", m -> m.getString("text").startsWith(SURVIVOR_WORDS + " second"));
        advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "a2")
                .put("referrals", new JsonArray().add(new JsonObject().put("name", ADVOCATE_WORDS + " shelter").put("phone", "555-0100"))));
        browser.withText(By.cssSelector("#log .msg"), ADVOCATE_WORDS + " shelter");
        return id;
    }

    @Test
    void closedBrowserKeepsNoTraceOfTheLoaderTheChatAppScriptsOrTheChat() throws Exception {
        WsClient advocate = start();
        String id = chat(advocate);
        advocate.send("end", "conversation", id);
        browser.visible(By.id("ended-h"));
        browser.visible(By.id("kept-close")).click();

        browser.quitBrowser();
        assertLeavesOnlyTheDocumentedResidue();
    }

    @Test
    void quickExitThenClosingLeavesTheSameAndNoMore() throws Exception {
        WsClient advocate = start();
        chat(advocate);
        browser.visible(By.id("exit")).click();
        browser.until(d -> { d.switchTo().defaultContent(); return d.getCurrentUrl().equals(host.exitUrl()); });
        advocate.awaitMatching("ended", e -> "quick_exit".equals(e.getString("reason")));

        browser.quitBrowser();
        assertLeavesOnlyTheDocumentedResidue();
    }

    /**
     * No file names the loader or the chat app's scripts or holds the chat's words, and only Chromium's
     * saved session (for reopening tabs) names the chat's page, /w/: no cache, no history database.
     */
    private void assertLeavesOnlyTheDocumentedResidue() throws IOException {
        assertEquals(Map.of(), search(browser.profile(), List.of("/widget.js", "/w/app.js", "/w/video.js", "app.js", "video.js",
                SURVIVOR_WORDS, ADVOCATE_WORDS)), "the profile names the widget's scripts or holds the chat's words");
        List<String> naming = search(browser.profile(), List.of("/w/")).getOrDefault("/w/", List.of());
        assertTrue(naming.stream().allMatch(f -> f.startsWith("Default/Sessions/")), () -> "files naming the chat page: " + naming);
        // The control: the host site's own script, over Chromium's 1 KB line and loaded as often as the
        // loader, has its code-cache entry, and the search finds it there.
        assertTrue(HostSite.SITE_SCRIPT.length() > 1024, "the control script must be over the line");
        assertTrue(search(browser.profile(), List.of("/site.js")).getOrDefault("/site.js", List.of()).stream()
                .anyMatch(f -> f.contains("Code Cache")), "the host site's script has a code-cache entry");
    }

    private WebElement launcher() {
        intoChat();
        return browser.visible(By.id("launcher"));
    }

    private void intoChat() {
        browser.driver.switchTo().defaultContent();
        browser.driver.switchTo().frame(browser.visible(By.id("hearth-chat")));
    }

    private void type(String text) {
        WebElement input = browser.visible(By.id("input"));
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** Which of {@code needles} occur in which files, as UTF-8/Latin-1 bytes or as UTF-16 (Chromium keeps some strings so). */
    static Map<String, List<String>> search(Path root, List<String> needles) throws IOException {
        Map<String, List<String>> found = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (String needle : needles) {
                if (indexOf(bytes, needle.getBytes(StandardCharsets.UTF_8)) >= 0
                        || indexOf(bytes, needle.getBytes(StandardCharsets.UTF_16LE)) >= 0) {
                    found.computeIfAbsent(needle, k -> new ArrayList<>()).add(root.relativize(file).toString());
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
