package org.hearthhub.console;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The advocate console in headless Chromium against a real hub, with survivors and a second advocate as socket clients. */
class AdvocateConsoleBrowserTest extends ConsoleBrowserTestBase {
    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
    }

    private void signIn(String username) {
        submitLogin(username);
        browser.waitForText("#connection", "Connected");
    }

    private void startShift() {
        browser.waitFor("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");
    }

    /** A survivor starts in English and the signed-in advocate accepts the chat in the console; the survivor's socket. */
    private WsClient survivorAcceptedInTheConsole() throws Exception {
        WsClient survivor = hub.survivor();
        survivorStarts(survivor, "en");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");
        return survivor;
    }

    private JsonObject survivorStarts(WsClient survivor, String lang) {
        survivor.send("start", "lang", lang);
        return survivor.await("started");
    }

    private WebElement activeLog() {
        return browser.waitFor(".chat:not([hidden]) .log");
    }

    @Test
    void signsInWithoutTotpAndStartsAShift() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        browser.open(base + "/console/login");
        browser.screenshot("advocate-01-sign-in");
        signIn("maria");
        assertEquals("Off shift", browser.find("#shift-status").getText());
        assertTrue(browser.find("#queue-off").isDisplayed(), "no queue before the shift starts");
        WebElement es = browser.find("input[name='lang'][value='es']");
        es.click();
        WebElement capacity = browser.find("#capacity");
        capacity.clear();
        capacity.sendKeys("3");
        startShift();
        assertEquals("On shift · up to 3 chats", browser.find("#shift-status").getText());
        browser.waitFor("#queue-empty");
        Account saved = TestHub.await(hub.hub.settingsStore().account("maria")).orElseThrow();
        assertEquals(List.of("en", "es"), saved.languages(), "the languages are saved to the account");
        assertEquals(3, saved.capacity());
        browser.screenshot("advocate-02-on-shift");

        browser.find("#shift-toggle").click();
        browser.waitForText("#shift-status", "Off shift");
    }

    @Test
    void signsInWithATotpCode() throws Exception {
        String secret = TotpSecret.random();
        hub.addAccount("tomas", Role.ADVOCATE, List.of("en"), 2);
        Account a = TestHub.await(hub.hub.settingsStore().account("tomas")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), a.role(), a.passwordHash(),
                secret, false, a.capacity(), a.languages(), a.uiLanguage(), a.createdAt())));

        browser.open(base + "/console/login");
        browser.waitFor("#username").sendKeys("tomas");
        browser.find("#password").sendKeys(TestHub.PASSWORD);
        browser.clickable("#login-submit").click();
        WebElement code = browser.waitFor("#totp");
        browser.screenshot("advocate-03-sign-in-code");
        code.sendKeys("000000".equals(totp(secret, hub.clock.instant())) ? "111111" : "000000");
        browser.clickable("#login-submit").click();
        browser.waitForText("#login-error", "not right");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console/login"), "a wrong code does not sign in");

        hub.clock.advance(Duration.ofSeconds(1)); // a second failed try in a row makes the next one wait a second
        browser.find("#totp").sendKeys(totp(secret, hub.clock.instant()));
        browser.clickable("#login-submit").click();
        browser.waitForText("#connection", "Connected");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console"));
    }

    @Test
    void acceptsAndRepliesToASurvivor() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        ConsoleClient api = new ConsoleClient(hub);
        ConsoleClient.Staff lead = api.account("lena", Role.LEAD);
        assertEquals(200, api.put("/api/v1/lead/canned", lead, new JsonObject().put("cannedResponses", new JsonObject()
                .put("en", new io.vertx.core.json.JsonArray()
                        .add(new JsonObject().put("title", "Greeting").put("text", "Hi, I'm here and I'm listening."))
                        .add(new JsonObject().put("title", "Safety").put("text", "Are you safe to talk right now?")))))
                .statusCode());
        signIn("maria");
        startShift();

        WsClient survivor = hub.survivor();
        String id = survivorStarts(survivor, "en").getString("conversation");
        WebElement item = browser.waitFor("#queue .queue-item");
        assertTrue(item.getText().contains("Web"), item.getText());
        assertTrue(item.getText().contains("EN"), item.getText());
        assertEquals("1", browser.find("#queue-count").getText());
        String first = item.findElement(By.cssSelector(".waiting")).getText();
        browser.until(d -> !d.findElement(By.cssSelector("#queue .waiting")).getText().equals(first)); // ticks locally
        survivor.send("message", "clientId", "s1", "text", "hello, is anyone there?");
        survivor.await("ack");
        browser.screenshot("advocate-04-queue");

        item.findElement(By.cssSelector(".accept")).click();
        browser.waitForText(".chat:not([hidden]) .log", "hello, is anyone there?");
        assertEquals("Advocate maria", survivor.await("assigned").getString("advocate"));
        browser.waitFor("#queue-empty");

        survivor.send("typing");
        browser.waitFor(".chat:not([hidden]) .typing");

        WebElement box = browser.waitFor(".chat:not([hidden]) textarea");
        box.sendKeys("Hi, I'm Maria. You're safe to talk here.");
        box.sendKeys(Keys.ENTER);
        JsonObject reply = survivor.await("message");
        assertEquals("Hi, I'm Maria. You're safe to talk here.", reply.getString("text"));
        browser.until(d -> d.findElements(By.cssSelector(".chat:not([hidden]) .msg-advocate.pending")).isEmpty());

        // Ctrl+K opens the canned responses; typing filters; Enter inserts.
        box.sendKeys(Keys.chord(Keys.CONTROL, "k"));
        browser.waitFor("#picker[open]");
        browser.find("#picker-search").sendKeys("safe");
        browser.screenshot("advocate-05-canned");
        browser.find("#picker-search").sendKeys(Keys.ENTER);
        browser.waitGone("#picker[open]");
        assertEquals("Are you safe to talk right now?", box.getAttribute("value"));
        box.sendKeys(Keys.ENTER);
        assertEquals("Are you safe to talk right now?", survivor.await("message").getString("text"));

        // Alt+R sends a referral (the default national list) as an item, at once; the composer is left alone.
        box.sendKeys("half-typed");
        new Actions(browser.driver).keyDown(Keys.ALT).sendKeys("r").keyUp(Keys.ALT).perform();
        browser.waitFor("#picker[open]");
        browser.find("#picker-search").sendKeys("Hotline");
        browser.find("#picker-search").sendKeys(Keys.ENTER);
        browser.waitGone("#picker[open]");
        JsonObject referral = survivor.await("message");
        JsonObject sent = referral.getJsonArray("referrals").getJsonObject(0);
        assertEquals("National Domestic Violence Hotline", sent.getString("name"));
        assertEquals("1-800-799-7233", sent.getString("phone"));
        assertEquals("88788", sent.getString("sms"));
        assertTrue(referral.getString("text").startsWith("National Domestic Violence Hotline: 1-800-799-7233 (text 88788)"),
                referral.getString("text"));
        assertEquals("half-typed", box.getAttribute("value"));
        browser.until(d -> d.findElements(By.cssSelector(".chat:not([hidden]) .msg-advocate.pending")).isEmpty());
        browser.waitForText(".chat:not([hidden]) .log", "(text 88788)");
        box.clear();

        survivor.send("message", "clientId", "s2", "text", "yes, he is at work");
        browser.waitForText(".chat:not([hidden]) .log", "yes, he is at work");
        browser.screenshot("advocate-06-chat");

        // Escape never ends a chat: not in the composer, and not in the confirmation.
        box.sendKeys(Keys.ESCAPE);
        browser.waitFor(".chat:not([hidden]) [data-action='end']").click();
        browser.waitFor("#confirm[open]");
        browser.screenshot("advocate-07-end-confirm");
        browser.find("#confirm-cancel").sendKeys(Keys.ESCAPE);
        browser.waitGone("#confirm[open]");
        survivor.expectNone("ended", 300);

        browser.waitFor(".chat:not([hidden]) [data-action='end']").click();
        browser.waitFor("#confirm[open]");
        browser.find("#confirm-ok").click();
        assertEquals("advocate", survivor.await("ended").getString("reason"));
        browser.waitForText(".chat:not([hidden]) .log", "You ended the chat.");
        survivor.close();
        assertEquals(null, TestHub.await(hub.hub.liveStore().conversation(id)));
        awaitEndRecorded("advocate");
    }

    @Test
    void severalChatsAtOnceShowUnreadMarks() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en", "es"), 3);
        signIn("maria");
        startShift();
        WsClient one = hub.survivor();
        WsClient two = hub.survivor();
        survivorStarts(one, "en");
        survivorStarts(two, "es");
        browser.until(d -> d.findElements(By.cssSelector("#queue .queue-item")).size() == 2);
        browser.find("#queue .queue-item .accept").click();
        browser.until(d -> d.findElements(By.cssSelector("#chat-tabs .tab")).size() == 1);
        browser.until(d -> d.findElements(By.cssSelector("#queue .queue-item")).size() == 1);
        browser.find("#queue .queue-item .accept").click();
        browser.until(d -> d.findElements(By.cssSelector("#chat-tabs .tab")).size() == 2);
        one.await("assigned");
        two.await("assigned");
        // The second chat is in front; a message in the first marks its tab.
        one.send("message", "clientId", "a", "text", "are you still there?");
        WebElement firstTab = browser.find("#chat-tabs .tab");
        browser.until(d -> firstTab.findElement(By.cssSelector(".unread")).isDisplayed());
        assertEquals("1", firstTab.findElement(By.cssSelector(".unread")).getText());
        browser.screenshot("advocate-08-two-chats");
        firstTab.click();
        browser.until(d -> !firstTab.findElement(By.cssSelector(".unread")).isDisplayed());
        browser.waitForText(".chat:not([hidden]) .log", "are you still there?");
    }

    @Test
    void transfersBetweenTwoAdvocates() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        WsClient ana = hub.advocateOnShift("ana", List.of("en"), 2);
        signIn("maria");
        startShift();
        WsClient survivor = hub.survivor();
        String id = survivorStarts(survivor, "en").getString("conversation");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");
        survivor.send("message", "clientId", "s1", "text", "I need someone who can help with housing");
        browser.waitForText(".chat:not([hidden]) .log", "housing");

        browser.waitFor(".chat:not([hidden]) [data-action='transfer']").click();
        WebElement target = browser.waitFor("#transfer-list button[data-username='ana']");
        assertTrue(target.getText().startsWith("Advocate ana"), target.getText());
        browser.screenshot("advocate-09-transfer");
        target.click();
        JsonObject arrived = ana.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        assertEquals("I need someone who can help with housing", arrived.getJsonArray("messages").getJsonObject(0).getString("text"));
        browser.waitForText(".chat:not([hidden]) .log", "transferred to Advocate ana");
        assertEquals("Advocate ana", survivor.await("assigned").getString("advocate"), "the survivor learns who took over");

        // And back: the chat arrives in Maria's console with its history.
        browser.waitFor(".chat:not([hidden]) [data-action='close']").click();
        ana.send("transfer", "conversation", id, "to", "maria");
        ana.await("transferred");
        browser.waitForText(".chat:not([hidden]) .log", "housing");
        WebElement box = browser.waitFor(".chat:not([hidden]) textarea");
        box.sendKeys("Hi again, Maria here.");
        box.sendKeys(Keys.ENTER);
        survivor.awaitMatching("message", m -> "Hi again, Maria here.".equals(m.getString("text")));
        ana.close();
        survivor.close();
    }

    @Test
    void safetyExitAndBlockEachAskOnce() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signIn("maria");
        startShift();
        WsClient first = survivorAcceptedInTheConsole();
        browser.waitFor(".chat:not([hidden]) [data-action='safety']").click();
        browser.waitFor("#confirm[open]");
        assertTrue(browser.find("#confirm-text").getText().contains("neutral page"));
        browser.screenshot("advocate-10-safety-exit");
        browser.find("#confirm-ok").click();
        assertEquals("safety_exit", first.await("ended").getString("reason"));
        browser.waitFor(".chat:not([hidden]) [data-action='close']").click();

        WsClient second = survivorAcceptedInTheConsole();
        browser.waitFor(".chat:not([hidden]) [data-action='block']").click();
        browser.waitFor("#confirm[open]");
        browser.find("#confirm-ok").click();
        assertEquals("blocked", second.await("ended").getString("reason"));
        awaitEndRecorded("safety_exit");
        awaitEndRecorded("blocked");
    }

    @Test
    void optInSoundAndDesktopNotificationWhenAChatJoinsTheQueue() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signIn("maria");
        // Stand-ins for the browser's Notification and audio, which headless Chromium cannot show or play.
        browser.js("window.__notified = []; window.__beeps = 0;"
                + "window.Notification = function (title, options) { window.__notified.push(title + '|' + options.body); };"
                + "window.Notification.permission = 'default';"
                + "window.Notification.requestPermission = function () { window.Notification.permission = 'granted';"
                + "  return Promise.resolve('granted'); };"
                + "window.AudioContext = function () { return { currentTime: 0, destination: {},"
                + "  createOscillator: function () { return { frequency: {}, connect: function (g) { return g; },"
                + "    start: function () { window.__beeps++; }, stop: function () {} }; },"
                + "  createGain: function () { return { gain: { setValueAtTime: function () {}, exponentialRampToValueAtTime: function () {} },"
                + "    connect: function (d) { return d; } }; } }; };");
        startShift();
        WsClient early = hub.survivor();
        survivorStarts(early, "en");
        browser.waitFor("#queue .queue-item");
        assertEquals(0L, browser.js("return window.__notified.length;"), "nothing is announced unless asked for");
        assertEquals(0L, browser.js("return window.__beeps;"));

        browser.find("#alert-sound").click();
        browser.find("#alert-desktop").click();
        browser.until(d -> browser.find("#alert-desktop").isSelected());
        long beepsBefore = (Long) browser.js("return window.__beeps;"); // turning sound on plays a sample
        WsClient survivor = hub.survivor();
        survivorStarts(survivor, "en");
        browser.until(d -> ((Number) browser.js("return window.__notified.length;")).intValue() == 1);
        assertEquals("Hearth: a chat is waiting|Someone joined the queue.", browser.js("return window.__notified[0];"),
                "the notification names nothing about the survivor");
        assertEquals(beepsBefore + 1, browser.js("return window.__beeps;"));
        assertEquals("on", browser.js("return localStorage.getItem('hearth.alert.sound');"), "the choice is remembered");
        early.close();
        survivor.close();
    }

    @Test
    void videoIsOfferedOnlyWhenTheProgramHasIt() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signIn("maria");
        startShift();
        WsClient first = survivorAcceptedInTheConsole();
        browser.waitFor(".chat:not([hidden]) textarea");
        WebElement off = browser.find(".chat:not([hidden]) [data-action='video']");
        assertEquals("true", off.getAttribute("aria-disabled"), "no video set up: marked unavailable");
        WebElement voiceOff = browser.find(".chat:not([hidden]) [data-action='voice']");
        assertEquals("Offer voice call", voiceOff.getText());
        assertEquals("true", voiceOff.getAttribute("aria-disabled"), "no video set up: no voice call either");
        off.click();
        browser.waitForText(".chat:not([hidden]) .log", "Video calls are not set up for this program.");
        first.expectNone("video", 300);
        first.close();

        // The same program with Jitsi configured.
        hub.close();
        hub = TestHub.start(vertx, dataDir, Map.of("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", "0123456789abcdef0123456789abcdef-test-secret"));
        base = hub.publicUrl();
        signIn("maria");
        startShift();
        WsClient survivor = survivorAcceptedInTheConsole();
        browser.waitFor(".chat:not([hidden]) [data-action='video']").click();
        JsonObject video = survivor.await("video");
        assertTrue(video.getString("url").startsWith("https://meet.example.org/"), video.encode());
        browser.waitForText(".chat:not([hidden]) .log", "A video room is ready.");
        WebElement join = browser.waitFor(".chat:not([hidden]) .log a");
        assertTrue(join.getAttribute("href").startsWith(video.getString("url") + "?jwt="), "the advocate's own token: " + join.getAttribute("href"));
        assertFalse(join.getAttribute("href").contains(video.getString("jwt")), "never the survivor's token");
        assertFalse(join.getAttribute("href").contains("startAudioOnly"));
        assertEquals("_blank", join.getAttribute("target"));
        assertEquals("noopener noreferrer", join.getAttribute("rel"));

        // A voice call: the same room, audio only on both sides.
        browser.find(".chat:not([hidden]) [data-action='voice']").click();
        JsonObject voice = survivor.await("video");
        assertEquals("audio", voice.getString("media"));
        assertEquals(video.getString("room"), voice.getString("room"));
        browser.waitForText(".chat:not([hidden]) .log", "A voice call is ready: audio only, neither camera is turned on.");
        String voiceLink = browser.waitFor(".chat:not([hidden]) .log p:last-of-type a").getAttribute("href");
        assertTrue(voiceLink.startsWith(voice.getString("url") + "?jwt="), voiceLink);
        assertTrue(voiceLink.contains("#config.startWithVideoMuted=true&") && voiceLink.contains("&config.startAudioOnly=true"), voiceLink);
        String toolbar = java.net.URLDecoder.decode(voiceLink.replaceFirst(".*[#&]config\\.toolbarButtons=([^&]*).*", "$1"),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals("[\"microphone\",\"hangup\",\"security\"]", toolbar, "no camera, no screen sharing");
        assertEquals("Join the voice call", browser.find(".chat:not([hidden]) .log p:last-of-type a").getText());
        survivor.close();
    }

    /**
     * Past {@code limits.consolesPerAccount} the oldest console gives way (4409): the page says the console is open
     * elsewhere and does not reconnect by itself, which would take it from the newer one; a reload takes it back.
     */
    @Test
    void aConsoleOpenedElsewhereSaysSoAndWaitsForAReload() throws Exception {
        hub.close();
        startHubSignedOut(Map.of("HEARTH_LIMITS_CONSOLES_PER_ACCOUNT", "2"));
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signIn("maria");
        List<WsClient> elsewhere = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WsClient ws = WsClient.connect(vertx, hub.port(), "/ws/advocate", base, hub.login("maria"));
            ws.await("shift");
            elsewhere.add(ws);
        }
        String notice = "This console is open in another window or tab. Reload this page to use it here.";
        browser.waitForText("#connection", notice);
        assertTrue(browser.seriousAccessibilityViolations().isEmpty(), () -> browser.seriousAccessibilityViolations().toString());
        browser.screenshot("console-open-elsewhere");
        Thread.sleep(1_500); // its reconnect back-off would have come back by now
        assertEquals(notice, browser.find("#connection").getText(), "no reconnect by itself");
        assertFalse(elsewhere.get(0).isClosed(), "the newer consoles keep theirs");

        browser.open(base + "/console");
        browser.waitForText("#connection", "Connected");
        assertEquals((short) 4409, elsewhere.get(0).awaitClose(5_000), "the reload takes a place back from the oldest");
    }

    @Test
    void anIdleSessionEndsAndTheConsoleReturnsToSignIn() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signIn("maria");
        hub.clock.advance(Duration.ofMinutes(31));
        browser.open(base + "/console");
        browser.until(d -> d.getCurrentUrl().contains("/console/login"));
        browser.open(base + "/console/login?expired=1");
        assertTrue(browser.waitFor("#expired").getText().contains("signed out"));
    }

    @Test
    void theConsoleSpeaksSpanish() throws Exception {
        hub.addAccount("lucia", Role.ADVOCATE, List.of("es"), 2);
        signIn("lucia");
        org.openqa.selenium.support.ui.Select lang = new org.openqa.selenium.support.ui.Select(browser.find("#ui-language"));
        lang.selectByValue("es");
        browser.waitForText("#connection", "Conectada");
        assertEquals("Fuera de turno", browser.find("#shift-status").getText());
        List<org.openqa.selenium.WebElement> headings = browser.driver.findElements(org.openqa.selenium.By.tagName("h1"));
        assertEquals(1, headings.size(), "the advocate page has one h1, for screen-reader navigation");
        assertEquals("Consola de atención", headings.get(0).getAttribute("textContent"));
        assertEquals("es", browser.find("html").getAttribute("lang"));
        assertEquals("es", TestHub.await(hub.hub.settingsStore().account("lucia")).orElseThrow().uiLanguage());
        browser.screenshot("advocate-11-spanish");
    }

    @Test
    void aSurvivorWhoDisconnectsIsShownAwayInTheQueueAndInTheChatUntilTheyAreBack() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signIn("maria");
        startShift();
        WsClient survivor = hub.survivor();
        JsonObject started = survivorStarts(survivor, "en");
        browser.waitFor("#queue .queue-item");
        assertFalse(browser.find("#queue .queue-item .away").isDisplayed(), "connected: no away mark");

        survivor.kill();
        // In the console's own time zone and clock format, as every time it shows.
        String at = (String) browser.js("return new Date(arguments[0]).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'})",
                hub.clock.instant().toString());
        WebElement away = browser.waitFor("#queue .queue-item .away");
        assertEquals("Away since " + at, away.getText());
        assertTrue(away.getAttribute("title").contains("leaves the queue"), away.getAttribute("title"));
        browser.screenshot("advocate-12-queue-away");

        WsClient back = hub.survivor();
        back.send("resume", "token", started.getString("token"), "lastSeq", 0);
        back.await("resumed");
        browser.waitGone("#queue .queue-item .away");

        browser.waitFor("#queue .queue-item .accept").click();
        back.await("assigned");
        back.kill();
        browser.waitForText(".chat:not([hidden]) .log", "Survivor disconnected at " + at + ".");
        browser.waitForText(".chat:not([hidden]) .chat-meta", "Away");
        browser.screenshot("advocate-13-chat-survivor-away");

        WsClient again = hub.survivor();
        again.send("resume", "token", started.getString("token"), "lastSeq", 0);
        again.await("resumed");
        browser.waitForText(".chat:not([hidden]) .log", "The survivor is back.");
        browser.until(d -> !d.findElement(org.openqa.selenium.By.cssSelector(".chat:not([hidden]) .chat-meta")).getText().contains("Away"));
    }

    /** Ending a chat writes statistics and an audit entry in the background; let them land before the data dir goes. */
    private void awaitEndRecorded(String reason) throws Exception {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(hub.clock.instant(), java.time.ZoneOffset.UTC);
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            boolean audited = TestHub.await(hub.hub.settingsStore().auditEntries(0, 10_000)).stream()
                    .anyMatch(e -> e.record().action().equals("conversation.end") && reason.equals(e.record().detail()));
            Map<String, Long> counters = TestHub.await(hub.hub.settingsStore().dailyCounters(today, today)).getOrDefault(today, Map.of());
            if (audited && counters.containsKey("end." + reason)) return;
            Thread.sleep(20);
        }
        throw new AssertionError("the end of a chat (" + reason + ") was not recorded");
    }

    static String totp(String base32Secret, Instant at) throws Exception {
        TimeBasedOneTimePasswordGenerator g = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
        SecretKeySpec key = new SecretKeySpec(TotpSecret.decode(base32Secret), g.getAlgorithm());
        return String.format(Locale.ROOT, "%06d", g.generateOneTimePassword(key, at));
    }
}
