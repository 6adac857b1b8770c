package org.hearthhub.i18n;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.HostSite;
import org.hearthhub.testing.HubProcess;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TwilioSigner;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third language added as docs/languages.md says, with no code: Arabic (written right to left), whose
 * three bundle files sit in {@code src/test/extra-language}, a directory put in front of the class path
 * of a hub running in its own JVM. It is not on the tests' class path, so no other test, and no
 * screenshot for the guides, sees a third language. The hub then lists it in {@code status}, the widget
 * offers it and lays itself out right to left, its SMS words work, and the consoles accept it for
 * staff, referrals and their own texts.
 */
class ThirdLanguageBrowserTest {
    private static final Path EXTRA = Path.of("src", "test", "extra-language");
    private static final String OWN_PASSWORD = "a long passphrase of our own 42";

    @TempDir
    static Path dataDir;
    static Vertx vertx;
    static FakeTwilio twilio;
    static HubProcess hub;
    static HostSite host;
    static Browser browser;
    static WebClient http;
    /** The first lead, with a password of its own; the Cookie header value and the CSRF token. */
    static String cookie;
    static String csrf;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Browser.available(), "browser tests need Debian's chromium and chromium-driver (ops/ensure-test-tools.sh)");
        vertx = Vertx.vertx();
        http = WebClient.create(vertx);
        twilio = FakeTwilio.start(vertx);
        hub = HubProcess.start(List.of(EXTRA), dataDir, Map.of(
                "HEARTH_TWILIO_ACCOUNT_SID", FakeTwilio.ACCOUNT_SID,
                "HEARTH_TWILIO_AUTH_TOKEN", FakeTwilio.AUTH_TOKEN,
                "HEARTH_TWILIO_FROM", FakeTwilio.FROM,
                "HEARTH_TWILIO_API_BASE", twilio.baseUrl(),
                "HEARTH_QUEUE_LANGUAGE_FIRST_SECONDS", "3600"));
        host = HostSite.start(vertx);
        host.embed(hub.publicUrl());
        browser = Browser.start();
        signInFirstLead();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) browser.close();
            if (hub != null) hub.close();
        } finally {
            if (host != null) host.close();
            if (twilio != null) twilio.close();
            if (vertx != null) TestHub.await(vertx.close());
        }
    }

    @BeforeEach
    void freshTab() {
        browser.freshTab();
    }

    // ---------------------------------------------------------------- the bundles themselves

    @Test
    void theTestBundleSaysEverythingEnglishSays() throws Exception {
        Set<String> en = keys(Path.of("..", "widget", "src", "main", "resources", "widget", "w", "i18n", "en.json"));
        assertEquals(en, keys(EXTRA.resolve("widget/w/i18n/ar.json")), "the widget bundle is complete");
        assertFalse(getClass().getClassLoader().getResource("i18n/hub_ar.properties") != null,
                "the third language stays off the tests' own class path");
    }

    // ---------------------------------------------------------------- status

    @Test
    void statusListsEveryLanguageInItsOwnNameAndDirection() throws Exception {
        JsonObject status = status("ar-EG");
        assertEquals("ar", status.getString("lang"), "a regional tag is its language");
        assertEquals(new JsonArray()
                        .add(new JsonObject().put("code", "en").put("name", "English").put("dir", "ltr"))
                        .add(new JsonObject().put("code", "ar").put("name", "العربية").put("dir", "rtl"))
                        .add(new JsonObject().put("code", "es").put("name", "Español").put("dir", "ltr")),
                status.getJsonArray("languages"), "the default first, then by code");
        assertEquals("en", status("fr").getString("lang"), "a language without bundles is still English");
    }

    // ---------------------------------------------------------------- the widget

    @Test
    void theWidgetSpeaksItRightToLeftWithoutBreakingItsLayout() throws Exception {
        WsClient advocate = advocateOnShift(List.of("ar"));
        browser.open(host.url("/?lang=ar"));
        browser.driver.switchTo().frame(browser.visible(By.id("hearth-chat")));
        browser.visible(By.id("launcher")).click();
        browser.withText(By.id("intro-h"), "تحدّث مع مرشدة");
        assertTrue(((Number) browser.js("return innerWidth")).doubleValue() - box("#launcher").get("right").doubleValue() <= 8,
                "the launcher keeps to the frame's right edge, the host page's corner, right to left too");
        assertEquals("ar", browser.js("return document.documentElement.lang"));
        assertEquals("rtl", browser.js("return document.documentElement.dir"));
        browser.driver.switchTo().defaultContent();
        assertEquals("محادثة", browser.find("#hearth-chat").getAttribute("title"),
                "the host page names the frame in the chat's language, for screen readers");
        browser.driver.switchTo().frame(browser.visible(By.id("hearth-chat")));
        assertEquals(List.of("English", "Español"), browser.driver.findElements(By.cssSelector("#langs button")).stream()
                .map(WebElement::getText).toList(), "the switch offers the others, each in its own name");
        assertEquals("es", browser.find("#langs button:nth-child(2)").getAttribute("lang"));
        assertEquals("ltr", browser.find("#langs button:nth-child(2)").getAttribute("dir"));

        // Mirrored, not broken: the title on the right, quick exit on the left, nothing wider than the frame.
        Map<String, Number> title = box("#title");
        Map<String, Number> exit = box("#exit");
        assertTrue(exit.get("right").doubleValue() <= title.get("left").doubleValue() + 1, "quick exit left of the title: " + exit + " " + title);
        assertNoHorizontalOverflow("intro");
        assertTrue(browser.inViewport(browser.find("#exit")), "quick exit is on screen");
        List<String> violations = browser.seriousAccessibilityViolations();
        assertTrue(violations.isEmpty(), () -> "right to left: " + String.join("\n", violations));

        browser.visible(By.id("start")).click();
        browser.visible(By.id("input"));
        JsonObject queued = advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty()).getJsonArray("items").getJsonObject(0);
        assertEquals("ar", queued.getString("lang"), "the chat is queued in its language, for those who speak it");
        advocate.send("accept", "conversation", queued.getString("conversation"));
        String id = advocate.await("conversation").getString("conversation");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "مرحبًا، أنا هنا.");
        browser.withText(By.cssSelector("#log .msg.them"), "مرحبًا، أنا هنا.");
        WebElement input = browser.visible(By.id("input"));
        input.sendKeys("شكرًا");
        input.sendKeys(org.openqa.selenium.Keys.ENTER);
        browser.withText(By.cssSelector("#log .msg.me"), "شكرًا");
        // Theirs start on the right (where the text starts), ours on the left: the bubbles mirror too.
        Map<String, Number> log = box("#log");
        Map<String, Number> theirs = box("#log .msg.them");
        Map<String, Number> mine = box("#log .msg.me");
        assertTrue(log.get("right").doubleValue() - theirs.get("right").doubleValue() <= 4, "their bubble on the right: " + theirs + " in " + log);
        assertTrue(mine.get("left").doubleValue() - log.get("left").doubleValue() <= 4, "my bubble on the left: " + mine + " in " + log);
        assertTrue(mine.get("right").doubleValue() < theirs.get("right").doubleValue() - 20, "mine " + mine + ", theirs " + theirs);
        assertNoHorizontalOverflow("chat");
        browser.screenshot("third-language-rtl-chat");

        // Switching back is the same switch: English, left to right, the chat still there.
        browser.visible(By.cssSelector("#langs button[lang='en']")).click();
        browser.withText(By.id("exit"), "Quick exit");
        assertEquals("ltr", browser.js("return document.documentElement.dir"));
        assertEquals(List.of("العربية", "Español"), browser.driver.findElements(By.cssSelector("#langs button")).stream()
                .map(WebElement::getText).toList());
        assertEquals("rtl", browser.find("#langs button[lang='ar']").getAttribute("dir"), "its name still reads right to left");
        advocate.send("end", "conversation", id);
        advocate.close();
    }

    // ---------------------------------------------------------------- SMS

    @Test
    void itsSmsWordsWork() throws Exception {
        String number = FakeTwilio.newNumber();
        WsClient advocate = advocateOnShift(List.of("ar", "en"));
        text(number, "مرحبا، أحتاج مساعدة من فضلك");
        twilio.awaitDelivered(s -> s.to().equals(number) && s.body().contains("شكرًا لتواصلك معنا"));
        assertEquals("ar", advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty())
                .getJsonArray("items").getJsonObject(0).getString("lang"), "a first text in Arabic opens an Arabic conversation");
        text(number, "English");
        twilio.awaitDelivered(s -> s.to().equals(number) && s.body().equals("Okay, we will text you in English."));
        text(number, "العربية");
        twilio.awaitDelivered(s -> s.to().equals(number) && s.body().equals("حسنًا، سنراسلك بالعربية."));
        text(number, "مساعدة؟");
        twilio.awaitDelivered(s -> s.to().equals(number) && s.body().startsWith("هذا خط رسائل سري"));
        text(number, " توقف ");
        twilio.awaitDelivered(s -> s.to().equals(number) && s.body().startsWith("لن تتلقى المزيد من الرسائل"));
        advocate.awaitMatching("queue", q -> q.getJsonArray("items").isEmpty());
        text(number, "ابدأ");
        twilio.awaitDelivered(s -> s.to().equals(number) && s.body().startsWith("يمكنك تلقي الرسائل من هذا الرقم مرة أخرى"));
        advocate.close();
    }

    // ---------------------------------------------------------------- the consoles

    @Test
    void theConsolesAcceptItForStaffAndReferrals() throws Exception {
        HttpResponse<Buffer> created = call(HttpMethod.POST, "/api/v1/lead/staff", new JsonObject().put("username", "amira")
                .put("displayName", "Amira").put("role", "advocate").put("password", "set by the lead 12345")
                .put("languages", new JsonArray().add("ar")));
        assertTrue(created.statusCode() / 100 == 2, created.statusCode() + " " + created.bodyAsString());
        JsonObject amira = call(HttpMethod.GET, "/api/v1/lead/staff", null).bodyAsJsonObject().getJsonArray("accounts").stream()
                .map(JsonObject.class::cast).filter(a -> a.getString("username").equals("amira")).findFirst().orElseThrow();
        assertEquals(new JsonArray().add("ar"), amira.getJsonArray("languages"));
        assertEquals(400, call(HttpMethod.PUT, "/api/v1/lead/staff/amira",
                new JsonObject().put("languages", new JsonArray().add("fr"))).statusCode(), "a language the hub lacks is refused");

        JsonObject referrals = call(HttpMethod.GET, "/api/v1/lead/referrals", null).bodyAsJsonObject();
        assertTrue(referrals.getJsonObject("referrals").containsKey("ar"), "the form has a place for it: " + referrals);
        JsonObject byLang = referrals.getJsonObject("referrals").put("ar", new JsonArray()
                .add(new JsonObject().put("name", "خط المساعدة الوطني").put("phone", "+1 800 799 7233")));
        HttpResponse<Buffer> saved = call(HttpMethod.PUT, "/api/v1/lead/referrals", new JsonObject().put("referrals", byLang));
        assertEquals(200, saved.statusCode(), saved.bodyAsString());
        assertEquals("خط المساعدة الوطني", status("ar").getJsonArray("referrals").getJsonObject(0).getString("name"));
        assertEquals("National Domestic Violence Hotline", status("en").getJsonArray("referrals").getJsonObject(0).getString("name"));
        assertEquals(400, call(HttpMethod.PUT, "/api/v1/lead/referrals", new JsonObject().put("referrals",
                byLang.copy().put("fr", new JsonArray()))).statusCode());

        // The pages are built from the same list: a place for Arabic referrals, Arabic among the staff's languages.
        signInInBrowser();
        browser.open(hub.publicUrl() + "/console/lead/referrals");
        browser.visible(By.cssSelector("fieldset.by-lang[data-lang='ar'] legend"));
        assertEquals("العربية", browser.find("fieldset.by-lang[data-lang='ar'] legend").getText(), "named in itself where English has no name for it");
        browser.open(hub.publicUrl() + "/console/lead/staff");
        assertEquals(List.of("en", "ar", "es"), browser.driver.findElements(By.cssSelector("input[name='new-lang']")).stream()
                .map(e -> e.getAttribute("value")).toList());
    }

    @Test
    void theConsoleSpeaksItRightToLeft() throws Exception {
        browser.open(hub.publicUrl() + "/console/login?lang=ar");
        browser.withText(By.cssSelector("h1"), "تسجيل الدخول");
        assertEquals("rtl", browser.js("return document.documentElement.dir"));
        assertEquals(List.of("English", "Español"), browser.driver.findElements(By.cssSelector(".langswitch a")).stream()
                .map(WebElement::getText).toList());
        browser.open(hub.publicUrl() + "/console/login?lang=es");
        assertEquals("ltr", browser.js("return getComputedStyle(document.documentElement).direction"));

        signInInBrowser();
        browser.open(hub.publicUrl() + "/console");
        new org.openqa.selenium.support.ui.Select(browser.visible(By.id("ui-language"))).selectByValue("ar");
        browser.until(d -> "rtl".equals(browser.js("return document.documentElement.dir")));
        assertEquals("ar", browser.js("return document.documentElement.lang"));
        browser.withText(By.cssSelector(".panel.shift h2"), "النوبة");
        assertEquals(List.of("en", "ar", "es"), browser.driver.findElements(By.cssSelector("input[name='lang']")).stream()
                .map(e -> e.getAttribute("value")).toList(), "Arabic among the languages one speaks");
        assertNoHorizontalOverflow("console");
        browser.screenshot("third-language-rtl-console");
        assertEquals(200, call(HttpMethod.PUT, "/api/v1/console/me", new JsonObject().put("uiLanguage", "en")).statusCode());
        assertEquals(400, call(HttpMethod.PUT, "/api/v1/console/me", new JsonObject().put("uiLanguage", "fr")).statusCode());
    }

    // ---------------------------------------------------------------- helpers

    private static Set<String> keys(Path json) throws Exception {
        return new TreeSet<>(new JsonObject(Files.readString(json)).fieldNames());
    }

    private static JsonObject status(String lang) throws Exception {
        return TestHub.await(http.get(hub.port(), "localhost", "/api/v1/status?lang=" + lang).send()).bodyAsJsonObject();
    }

    /** The first lead signs in with the password the hub wrote down, and chooses its own. */
    private static void signInFirstLead() throws Exception {
        String starting = Files.readString(dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)).strip();
        login(starting);
        HttpResponse<Buffer> changed = call(HttpMethod.POST, "/api/v1/console/password",
                new JsonObject().put("current", starting).put("password", OWN_PASSWORD));
        assertEquals(204, changed.statusCode(), changed.bodyAsString());
        login(OWN_PASSWORD);
    }

    private static void login(String password) throws Exception {
        HttpResponse<Buffer> r = TestHub.await(http.post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new JsonObject().put("username", FirstLeadBootstrap.USERNAME).put("password", password)));
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String setCookie = r.cookies().get(0);
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        csrf = r.bodyAsJsonObject().getString("csrfToken");
    }

    private static HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body) throws Exception {
        HttpRequest<Buffer> req = http.request(method, hub.port(), "localhost", path).putHeader("Cookie", cookie)
                .putHeader("X-CSRF-Token", csrf);
        return TestHub.await(body == null ? req.send() : req.sendJsonObject(body));
    }

    /** The lead, on shift in the console socket, speaking these languages. */
    private static WsClient advocateOnShift(List<String> languages) throws Exception {
        HttpResponse<Buffer> me = call(HttpMethod.PUT, "/api/v1/console/me", new JsonObject().put("languages", new JsonArray(languages)));
        assertEquals(200, me.statusCode(), me.bodyAsString());
        WsClient ws = WsClient.connect(vertx, hub.port(), "/ws/advocate", hub.publicUrl(), cookie);
        ws.await("shift");
        ws.send("shift.start", "capacity", 3);
        ws.awaitMatching("shift", f -> f.getBoolean("onShift") && new JsonArray(languages).equals(f.getJsonArray("languages")));
        return ws;
    }

    private static void signInInBrowser() {
        browser.open(hub.publicUrl() + "/console/login");
        browser.visible(By.id("username")).sendKeys(FirstLeadBootstrap.USERNAME);
        browser.find("#password").sendKeys(OWN_PASSWORD);
        browser.clickable("#login-submit").click();
        browser.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Sends a text as Twilio's webhook would, signed with the account's auth token. */
    private static void text(String from, String body) throws Exception {
        Map<String, String> form = FakeTwilio.inboundText(from, FakeTwilio.FROM, body);
        MultiMap fields = MultiMap.caseInsensitiveMultiMap();
        form.forEach(fields::add);
        HttpResponse<Buffer> r = TestHub.await(http.post(hub.port(), "localhost", "/sms/twilio")
                .putHeader("X-Twilio-Signature", TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, hub.publicUrl() + "/sms/twilio", form))
                .sendForm(fields));
        assertEquals(200, r.statusCode(), r.bodyAsString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> box(String css) {
        return (Map<String, Number>) browser.js("var r = document.querySelector(arguments[0]).getBoundingClientRect();"
                + " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom};", css);
    }

    private static void assertNoHorizontalOverflow(String screen) {
        Number overflow = (Number) browser.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertTrue(overflow.intValue() <= 0, screen + ": the page scrolls sideways by " + overflow + " px");
    }
}
