package org.hearthhub.video;

import com.nimbusds.jwt.SignedJWT;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The survivor's side of a call in Debian's headless Chromium: the join button appears on an offer,
 * the call opens through the IFrame API fetched from the configured Jitsi host (here a local HTTPS
 * fake that records what it is asked for) with camera off and prejoin on, the CSP lets exactly that
 * through, and ending the chat closes the call and removes the button.
 */
class VideoBrowserTest {
    /** The fake's IFrame API: records its options, frames a call page, and can be hung up. */
    private static final String FAKE_API = """
            window.JitsiMeetExternalAPI = function (domain, options) {
              var listeners = {};
              var frame = document.createElement('iframe');
              frame.src = 'https://' + domain + '/' + options.roomName;
              options.parentNode.appendChild(frame);
              window.fakeJitsi = { domain: domain, options: JSON.parse(JSON.stringify(Object.assign({}, options, { parentNode: null }))),
                disposed: false, hangUp: function () { (listeners.readyToClose || []).forEach(function (f) { f(); }); } };
              this.addListener = function (name, f) { (listeners[name] = listeners[name] || []).push(f); };
              this.dispose = function () { frame.remove(); window.fakeJitsi.disposed = true; };
            };
            """;

    /** The fake Jitsi's, for the class; each test's hub is on the Vert.x the extension gives it. */
    static Vertx vertx;
    static HttpServer jitsi;
    static final List<String> jitsiRequests = new CopyOnWriteArrayList<>();
    static ChromeDriver driver;
    static ChromeDriverService service;
    static Path profile;

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    TestHub hub;
    String domain;

    @BeforeAll
    static void startBrowserAndFakeJitsi() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "browser tests need Debian's chromium and chromium-driver (ops/ensure-test-tools.sh)");
        vertx = Vertx.vertx();
        SelfSignedCertificate cert = SelfSignedCertificate.create("meet.example.org");
        jitsi = TestHub.await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions())
                        .setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> {
                    jitsiRequests.add(req.path());
                    if (req.path().equals("/external_api.js")) {
                        req.response().putHeader("Content-Type", "text/javascript").end(FAKE_API);
                    } else {
                        req.response().putHeader("Content-Type", "text/html").end("<!doctype html><title>call</title><p>call");
                    }
                }).listen());

        System.setProperty("SE_OFFLINE", "true");
        profile = Files.createTempDirectory("hearth-video-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=800,900", "--user-data-dir=" + profile,
                // The Jitsi host resolves to the local fake, whose self-signed certificate the browser accepts.
                "--host-resolver-rules=MAP meet.example.org 127.0.0.1", "--ignore-certificate-errors");
        service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort().withSilent(true).build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (driver != null) driver.quit();
        } finally {
            if (service != null) service.stop();
            if (vertx != null) TestHub.await(vertx.close());
            if (profile != null) {
                try (var files = Files.walk(profile)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @BeforeEach
    void startHub() throws Exception {
        domain = "meet.example.org:" + jitsi.actualPort();
        hub = hubs.start(Map.of("HEARTH_JITSI_DOMAIN", domain, "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", VideoOfferTest.SECRET));
        jitsiRequests.clear();
    }

    private <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(8), Duration.ofMillis(50)).until(condition);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private WsClient chatAccepted() throws Exception {
        return chatAccepted("en");
    }

    /** Opens the chat app in {@code lang}, starts a chat and lets maria accept it; returns maria's socket. */
    private WsClient chatAccepted(String lang) throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        driver.get(hub.publicUrl() + "/w/?lang=" + lang);
        until(d -> d.findElement(By.id("start")).isDisplayed());
        driver.findElement(By.id("start")).click();
        JsonObject queue = maria.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        String id = queue.getJsonArray("items").getJsonObject(0).getString("conversation");
        maria.send("accept", "conversation", id);
        maria.await("conversation");
        until(d -> d.findElement(By.id("chat-h")).getText().contains("Advocate maria"));
        return maria;
    }

    @Test
    void joinButtonOpensTheCallInThePanelAndTheEndOfTheChatClosesIt() throws Exception {
        WsClient maria = chatAccepted();
        String id = TestHub.await(hub.hub.conversations().heldBy("maria")).get(0).id();
        maria.send("video.offer", "conversation", id);
        JsonObject offer = maria.await("video");
        String room = offer.getString("room");

        WebElement join = until(d -> d.findElements(By.cssSelector("#log .video-join")).stream().findFirst().orElse(null));
        assertEquals("Join video call", join.getText());
        String tab = driver.findElement(By.cssSelector("#log .video-tab")).getAttribute("href");
        assertTrue(tab.startsWith("https://" + domain + "/" + room + "?jwt="), tab);
        assertTrue(tab.contains("#config.startWithVideoMuted=true&config.prejoinConfig.enabled=true"), tab);
        assertFalse(tab.contains("startAudioOnly") || tab.contains("toolbarButtons"), "a video call is not audio only: " + tab);
        assertEquals("_blank", driver.findElement(By.cssSelector("#log .video-tab")).getAttribute("target"));
        assertTrue(jitsiRequests.isEmpty(), "nothing is fetched from Jitsi before the survivor chooses to join");

        join.click();
        until(d -> js("return window.fakeJitsi && window.fakeJitsi.options.roomName") != null);
        assertEquals(domain, js("return window.fakeJitsi.domain"));
        assertEquals(room, js("return window.fakeJitsi.options.roomName"));
        assertEquals(Boolean.TRUE, js("return window.fakeJitsi.options.configOverwrite.startWithVideoMuted"), "camera off");
        assertEquals(Boolean.TRUE, js("return window.fakeJitsi.options.configOverwrite.prejoinConfig.enabled"), "prejoin page on");
        Map<?, ?> user = (Map<?, ?>) SignedJWT.parse((String) js("return window.fakeJitsi.options.jwt")).getJWTClaimsSet()
                .getJSONObjectClaim("context").get("user");
        assertEquals(Map.of("name", "Guest", "moderator", "false"), user, "the survivor's own token");
        until(d -> jitsiRequests.contains("/" + room) ? true : null); // the CSP let the call's frame load
        assertEquals(List.of("/external_api.js", "/" + room), jitsiRequests);
        assertTrue(driver.findElement(By.cssSelector("section.video-call")).isDisplayed());

        maria.send("end", "conversation", id);
        until(d -> d.findElement(By.id("s-ended")).isDisplayed());
        assertEquals(0L, js("return document.querySelectorAll('section.video-call, .video-join, .video-tab').length"),
                "the call and its buttons are gone with the chat");
        assertEquals(Boolean.TRUE, js("return window.fakeJitsi.disposed"));

        maria.send("video.offer", "conversation", id);
        assertEquals("not_found", maria.await("error").getString("code"), "no tokens for that room again");
    }

    @Test
    void aVoiceCallIsOfferedInTheSurvivorsLanguageAndJoinsWithAudioOnly() throws Exception {
        WsClient maria = chatAccepted("es");
        String id = TestHub.await(hub.hub.conversations().heldBy("maria")).get(0).id();
        maria.send("video.offer", "conversation", id, "media", "audio");
        String room = maria.await("video").getString("room");

        WebElement join = until(d -> d.findElements(By.cssSelector("#log .video-join")).stream().findFirst().orElse(null));
        assertEquals("Unirse a la llamada de voz", join.getText());
        String line = driver.findElement(By.cssSelector("#log .msg.video")).getText();
        assertTrue(line.contains("te ofrece una llamada de voz") && line.contains("tu cámara sigue apagada"), line);
        assertFalse(line.contains("videollamada"), line);

        // The tab link asks Jitsi for audio only, camera muted, and no camera button before or during the call.
        String tab = driver.findElement(By.cssSelector("#log .video-tab")).getAttribute("href");
        assertTrue(tab.startsWith("https://" + domain + "/" + room + "?jwt="), tab);
        Map<String, String> hash = new java.util.HashMap<>();
        for (String p : tab.substring(tab.indexOf('#') + 1).split("&")) {
            String[] kv = p.split("=", 2);
            hash.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals("true", hash.get("config.startAudioOnly"), tab);
        assertEquals("true", hash.get("config.startWithVideoMuted"), tab);
        assertEquals("true", hash.get("config.prejoinConfig.enabled"), tab);
        assertTrue(hash.get("config.hiddenPremeetingButtons").contains("\"camera\""), tab);
        assertFalse(hash.get("config.toolbarButtons").contains("camera"), tab);
        assertFalse(hash.get("config.toolbarButtons").contains("desktop"), tab);
        assertTrue(hash.get("config.toolbarButtons").contains("\"hangup\""), tab);
        assertTrue(jitsiRequests.isEmpty(), "nothing is fetched from Jitsi before the survivor chooses to join");

        join.click();
        until(d -> js("return window.fakeJitsi && window.fakeJitsi.options.roomName") != null);
        assertEquals(room, js("return window.fakeJitsi.options.roomName"));
        assertEquals(Boolean.TRUE, js("return window.fakeJitsi.options.configOverwrite.startAudioOnly"), "audio only");
        assertEquals(Boolean.TRUE, js("return window.fakeJitsi.options.configOverwrite.startWithVideoMuted"), "camera muted");
        assertEquals(Boolean.TRUE, js("return window.fakeJitsi.options.configOverwrite.prejoinConfig.enabled"), "prejoin page on");
        assertEquals(List.of("microphone", "hangup", "security"), js("return window.fakeJitsi.options.configOverwrite.toolbarButtons"));
        assertEquals(Boolean.TRUE, js("return window.fakeJitsi.options.configOverwrite.hiddenPremeetingButtons.indexOf('camera') >= 0"));
        assertEquals("es", js("return window.fakeJitsi.options.lang"));
        assertEquals("Llamada de voz", driver.findElement(By.cssSelector("section.video-call")).getAttribute("aria-label"));
        assertEquals("Salir de la llamada de voz", driver.findElement(By.cssSelector("section.video-call button")).getText());
        Map<?, ?> user = (Map<?, ?>) SignedJWT.parse((String) js("return window.fakeJitsi.options.jwt")).getJWTClaimsSet()
                .getJSONObjectClaim("context").get("user");
        assertEquals(Map.of("name", "Invitado", "moderator", "false"), user, "the survivor's own token");

        maria.send("end", "conversation", id);
        until(d -> d.findElement(By.id("s-ended")).isDisplayed());
        assertEquals(0L, js("return document.querySelectorAll('section.video-call, .video-join, .video-tab').length"));
    }

    @Test
    void hangingUpInJitsiClosesThePanelAndTheChatGoesOn() throws Exception {
        WsClient maria = chatAccepted();
        String id = TestHub.await(hub.hub.conversations().heldBy("maria")).get(0).id();
        maria.send("video.offer", "conversation", id);
        until(d -> d.findElements(By.cssSelector("#log .video-join")).stream().findFirst().orElse(null)).click();
        until(d -> js("return window.fakeJitsi ? true : null"));

        js("window.fakeJitsi.hangUp()");
        until(d -> (Long) js("return document.querySelectorAll('section.video-call').length") == 0L);
        assertEquals(Boolean.TRUE, js("return window.fakeJitsi.disposed"));
        assertTrue(driver.findElement(By.id("s-chat")).isDisplayed());
        assertEquals(1L, js("return document.querySelectorAll('#log .video-join').length"), "the survivor can join again");
    }
}
