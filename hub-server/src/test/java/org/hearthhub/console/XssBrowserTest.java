package org.hearthhub.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Role;
import org.hearthhub.model.ShownName;
import org.hearthhub.sharing.Sharing;
import org.hearthhub.sharing.SharingRegister;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Script payloads from the OWASP XSS Filter Evasion Cheat Sheet, sent as survivor messages and saved as
 * settings values (referral names and texts, canned responses, widget texts, holiday and staff names),
 * must show up in the console as the exact text typed: no element made from them, no alert, no
 * {@code window.__pwned}. The CSP would stop most of them anyway; these checks prove the escaping itself.
 */
class XssBrowserTest extends ConsoleBrowserTestBase {
    static final List<String> PAYLOADS = load();

    ConsoleClient client;
    ConsoleClient.Staff lead;

    static List<String> load() {
        try (InputStream in = XssBrowserTest.class.getResourceAsStream("/xss/owasp-filter-evasion.txt")) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty() && !line.startsWith("# ")) out.add(line);
            }
            return out;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "1000"));
        client = new ConsoleClient(hub);
        lead = client.account("lena", Role.LEAD);
    }

    /** Payloads that fit a one-line field: short enough, and without a control character (a tab), which it refuses. */
    private static List<String> shortOnes(int max) {
        return PAYLOADS.stream().filter(p -> p.length() <= max && ShownName.isPlain(p)).toList();
    }

    /** Saves every payload into the settings: referral names and texts, canned titles and texts, widget texts, holidays. */
    private void saveHostileSettings() throws Exception {
        JsonArray en = new JsonArray();
        JsonArray es = new JsonArray();
        List<String> names = shortOnes(SettingsSection.MAX_NAME);
        for (int i = 0; i < PAYLOADS.size(); i++) {
            JsonObject r = new JsonObject().put("name", names.get(i % names.size())).put("text", PAYLOADS.get(i));
            (i < ReferralsSection.MAX_REFERRALS ? en : es).add(r);
        }
        assertEquals(200, client.put("/api/v1/lead/referrals", lead,
                new JsonObject().put("referrals", new JsonObject().put("en", en).put("es", es))).statusCode());

        JsonArray canned = new JsonArray();
        List<String> titles = shortOnes(SettingsSection.MAX_TITLE);
        for (int i = 0; i < PAYLOADS.size(); i++) {
            canned.add(new JsonObject().put("title", titles.get(i % titles.size())).put("text", PAYLOADS.get(i)));
        }
        assertEquals(200, client.put("/api/v1/lead/canned", lead,
                new JsonObject().put("cannedResponses", new JsonObject().put("en", canned))).statusCode());

        assertEquals(200, client.put("/api/v1/lead/widget", lead, new JsonObject()
                .put("title", new JsonObject().put("en", "\"><img src=x onerror=window.__pwned=1>").put("es", titles.get(3)))
                .put("notice", new JsonObject().put("en", "</textarea><img src=x onerror=window.__pwned=1>").put("es", PAYLOADS.get(1)))
                .put("primaryColor", "#5b2a86").put("position", "right").put("quickExitUrl", "https://weather.example")).statusCode());

        JsonArray holidays = new JsonArray();
        List<String> holidayNames = shortOnes(SettingsSection.MAX_NAME);
        for (int i = 0; i < 10; i++) {
            holidays.add(new JsonObject().put("date", "2027-01-" + String.format("%02d", i + 1)).put("name", holidayNames.get(i)));
        }
        assertEquals(200, client.put("/api/v1/lead/hours", lead, new JsonObject().put("timeZone", "UTC").put("alwaysOpen", true)
                .put("weeklyHours", new JsonArray()).put("holidays", holidays)).statusCode());
    }

    private void createStaff(String username, String displayName) throws Exception {
        assertEquals(201, client.post("/api/v1/lead/staff", lead, new JsonObject().put("username", username)
                .put("displayName", displayName).put("role", "advocate").put("password", TestHub.PASSWORD).put("capacity", 3)
                .put("languages", new JsonArray().add("en"))).statusCode());
        client.ownPasswordChosen(username);
    }

    private void signIn(String username) {
        submitLogin(username);
        browser.waitFor("#logout");
    }

    /** No alert, no flag, and (where given) no element inside the containers that show the values. */
    private void assertInert(String where, String... textOnlyContainers) {
        assertFalse(browser.alertOpen(), "an alert opened on " + where);
        assertNull(browser.js("return window.__pwned;"), "injected script ran on " + where);
        for (String css : textOnlyContainers) {
            Number elements = (Number) browser.js("return document.querySelectorAll(arguments[0]).length;", css + " *");
            assertEquals(0, elements.intValue(), "markup was made inside " + css + " on " + where);
        }
        Number injected = (Number) browser.js("return document.querySelectorAll("
                + "'img, iframe, object, embed, base, meta[http-equiv], input[type=image], table[background], br[size], style, "
                + "script:not([src]), link[href^=\"javascript\"], [onload], [onerror], [onmouseover], [ontoggle]').length;");
        assertEquals(0, injected.intValue(), "an element from a payload exists on " + where);
    }

    @SuppressWarnings("unchecked")
    private List<String> values(String script) {
        return (List<String>) browser.js(script);
    }

    /** A survivor socket takes 20 frames a second (of the hub's clock); stay under it. */
    private void paced(WsClient survivor, String clientId, String text) {
        survivor.send("message", "clientId", clientId, "text", text);
        survivor.await("ack");
        hub.clock.advance(Duration.ofMillis(60));
    }

    @Test
    void survivorMessagesRenderAsInertText() throws Exception {
        assertTrue(PAYLOADS.size() >= 30, "at least 30 payloads: " + PAYLOADS.size());
        createStaff("maria", "Maria");
        signIn("maria");
        browser.waitForText("#connection", "Connected");
        browser.find("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");

        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        int half = PAYLOADS.size() / 2;
        // Half before the chat is accepted (they arrive in the conversation frame), half while it is open.
        for (int i = 0; i < half; i++) {
            paced(survivor, "q" + i, PAYLOADS.get(i));
        }
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");
        for (int i = half; i < PAYLOADS.size(); i++) {
            paced(survivor, "a" + i, PAYLOADS.get(i));
        }
        browser.until(d -> ((Number) browser.js("return document.querySelectorAll('.chat:not([hidden]) .msg-survivor').length;"))
                .intValue() == PAYLOADS.size());
        List<String> shown = values("return Array.from(document.querySelectorAll('.chat:not([hidden]) .msg-survivor .msg-text'))"
                + ".map(e => e.textContent);");
        assertEquals(PAYLOADS, shown, "each message shows exactly what the survivor typed");
        assertInert("the advocate console", ".log .msg-text", ".log .msg-meta");

        // The advocate can echo a payload back; it stays text on this side too.
        browser.waitFor(".chat:not([hidden]) textarea").sendKeys(PAYLOADS.get(PAYLOADS.size() - 5) + Keys.ENTER);
        assertEquals(PAYLOADS.get(PAYLOADS.size() - 5), survivor.await("message").getString("text"));
        browser.until(d -> d.findElements(org.openqa.selenium.By.cssSelector(".chat:not([hidden]) .msg-advocate.pending")).isEmpty());
        browser.screenshot("xss-01-survivor-messages");
        assertInert("the advocate console after a reply", ".log .msg-text");
        assertEquals(id, browser.find(".chat:not([hidden])").getAttribute("data-conversation"));
        survivor.close();
    }

    @Test
    void settingsValuesRenderAsInertTextOnLeadPages() throws Exception {
        saveHostileSettings();
        createStaff("xena", "<img src=x onerror=window.__pwned=1>");
        signIn("lena");

        browser.open(base + "/console/lead/referrals");
        browser.waitFor("fieldset[data-lang='en'] .item");
        List<String> names = values("return Array.from(document.querySelectorAll('.f-name')).map(e => e.value);");
        List<String> texts = values("return Array.from(document.querySelectorAll('.f-text')).map(e => e.value);");
        assertEquals(PAYLOADS, texts, "referral texts come back exactly");
        List<String> expectedNames = new ArrayList<>();
        List<String> shortNames = shortOnes(SettingsSection.MAX_NAME);
        for (int i = 0; i < PAYLOADS.size(); i++) expectedNames.add(shortNames.get(i % shortNames.size()));
        assertEquals(expectedNames, names);
        assertInert("the referrals page");

        browser.open(base + "/console/lead/canned");
        browser.waitFor("fieldset[data-lang='en'] .item");
        assertEquals(PAYLOADS, values("return Array.from(document.querySelectorAll('.f-text')).map(e => e.value);"));
        assertInert("the canned responses page");

        browser.open(base + "/console/lead/widget");
        assertEquals("\"><img src=x onerror=window.__pwned=1>", browser.waitFor("#title-en").getAttribute("value"));
        assertEquals("</textarea><img src=x onerror=window.__pwned=1>", browser.js("return document.getElementById('notice-en').value;"));
        assertEquals(PAYLOADS.get(1), browser.js("return document.getElementById('notice-es').value;"));
        assertInert("the widget page");

        browser.open(base + "/console/lead/hours");
        browser.waitFor("#holiday-list .holiday");
        assertEquals(shortNames.subList(0, 10), values("return Array.from(document.querySelectorAll('#holiday-list .name')).map(e => e.value);"));
        assertInert("the hours page");

        browser.open(base + "/console/lead/staff");
        assertEquals("<img src=x onerror=window.__pwned=1>",
                browser.js("return document.querySelector('tr[data-username=\"xena\"] .display-name').textContent;"));
        assertInert("the staff page", "#staff-table .display-name");

        browser.open(base + "/console/lead/audit");
        browser.waitFor("#chain");
        assertInert("the access log");
    }

    @Test
    void partnerNamesAndSharingRegisterEntriesRenderAsInertText() throws Exception {
        List<String> names = new ArrayList<>();
        List<String> services = shortOnes(PartnerEntry.MAX_LABEL).stream().filter(x -> !x.isBlank()).toList();
        for (int i = 0; i < Math.min(PAYLOADS.size(), PartnerEntry.MAX_PARTNERS); i++) {
            String name = (PAYLOADS.get(i).length() <= SettingsSection.MAX_NAME - 5 && ShownName.isPlain(PAYLOADS.get(i))
                    ? PAYLOADS.get(i) + " #" + i : "#" + i).strip();
            names.add(name);
            assertEquals(201, client.post("/api/v1/lead/partners", lead, new JsonObject().put("name", name)
                    .put("services", new JsonArray().add(services.get(i % services.size())))).statusCode(), name);
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> bases = shortOnes(SettingsSection.MAX_TITLE).stream().map(String::strip)
                .filter(b -> !b.isEmpty() && seen.add(b.toLowerCase(java.util.Locale.ROOT))).limit(SafeguardingSection.MAX_BASES).toList();
        JsonArray basesBody = new JsonArray();
        bases.forEach(b -> basesBody.add(new JsonObject().put("name", b).put("description", b)));
        assertEquals(200, client.put("/api/v1/lead/safeguarding", lead, new JsonObject().put("bases", basesBody)).statusCode());
        SharingRegister register = new SharingRegister(hub.hub.settingsStore(), name -> hub.hub.settings().get().hasSafeguardingBasis(name), "main",
                hub.clock);
        List<String> reasons = shortOnes(SharingRegister.MAX_REASON).stream().filter(x -> !x.isBlank()).toList();
        for (int i = 0; i < names.size(); i++) {
            TestHub.await(register.record(new Sharing(Sharing.Kind.REFERRAL, "main", null, names.get(i), Sharing.Categories.NONE,
                    bases.get(i % bases.size()), reasons.get(i % reasons.size()), "lena")));
        }
        signIn("lena");

        browser.open(base + "/console/lead/partners");
        browser.waitFor("#partner-list .partner");
        assertEquals(names, values("return Array.from(document.querySelectorAll('#partner-list .f-name')).map(e => e.value);"));
        assertInert("the partners page");

        browser.open(base + "/console/lead/sharing?month=2026-11");
        browser.waitFor("#sharing-table tbody tr");
        assertEquals(names, values("return Array.from(document.querySelectorAll('#sharing-table tbody td:nth-child(4)'))"
                + ".map(e => e.textContent.replace(/ · outside the hub$/, ''));"));
        assertInert("the sharing register", "#sharing-table td:nth-child(4)", "#sharing-table td:nth-child(6)",
                "#sharing-table td:nth-child(7)");
        assertEquals(bases, values("return Array.from(document.querySelectorAll('#safeguarding-form .f-name')).map(e => e.value);"));
    }

    @Test
    void settingsValuesRenderAsInertTextInTheAdvocateConsole() throws Exception {
        saveHostileSettings();
        createStaff("maria", "\"><svg/onload=window.__pwned=1>");
        createStaff("xena", "<img src=x onerror=window.__pwned=1>");
        WsClient xena = WsClient.connect(hub.vertx, hub.port(), "/ws/advocate", hub.publicUrl(),
                client.login("xena", TestHub.PASSWORD, null).cookie());
        xena.await("shift");
        xena.send("shift.start", "capacity", 3);
        xena.awaitMatching("shift", f -> f.getBoolean("onShift"));

        signIn("maria");
        assertEquals("\"><svg/onload=window.__pwned=1>", browser.find("#me-name").getText());
        browser.waitForText("#connection", "Connected");
        browser.find("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");
        browser.waitFor(".chat:not([hidden]) textarea");

        browser.waitFor(".chat:not([hidden]) textarea").sendKeys(Keys.chord(Keys.CONTROL, "k"));
        browser.waitFor("#picker[open]");
        assertEquals(PAYLOADS, values("return Array.from(document.querySelectorAll('#picker-list .picker-preview')).map(e => e.textContent);"));
        browser.screenshot("xss-02-canned-picker");
        assertInert("the canned response picker", "#picker-list .picker-title", "#picker-list .picker-preview");
        browser.find("#picker-list li").click(); // inserts the first payload as text into the box
        assertEquals(PAYLOADS.get(0), browser.find(".chat:not([hidden]) textarea").getAttribute("value"));
        browser.find(".chat:not([hidden]) textarea").clear();

        new Actions(browser.driver).keyDown(Keys.ALT).sendKeys("r").keyUp(Keys.ALT).perform();
        browser.waitFor("#picker[open]");
        Number referrals = (Number) browser.js("return document.querySelectorAll('#picker-list li').length;");
        assertEquals(PAYLOADS.size(), referrals.intValue(), "both languages' referrals are offered");
        assertInert("the referral picker", "#picker-list .picker-title", "#picker-list .picker-preview");
        browser.find("#picker-search").sendKeys(Keys.ESCAPE);
        browser.waitGone("#picker[open]");

        browser.waitFor(".chat:not([hidden]) [data-action='transfer']").click();
        browser.waitFor("#transfer-list button[data-username='xena']");
        assertTrue(browser.find("#transfer-list button[data-username='xena']").getText().startsWith("<img src=x onerror=window.__pwned=1>"));
        assertInert("the transfer dialog", "#transfer-list button");
        browser.find("#transfer-list button[data-username='xena']").click();
        xena.await("conversation");
        browser.waitForText(".chat:not([hidden]) .log", "transferred to <img src=x onerror=window.__pwned=1>");
        assertInert("the console after a transfer", ".log .msg-note");
        xena.close();
        survivor.close();
    }
}
