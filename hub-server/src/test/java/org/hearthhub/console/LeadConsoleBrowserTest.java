package org.hearthhub.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The lead's pages in headless Chromium: edits made there reach survivors through /api/v1/status. */
class LeadConsoleBrowserTest extends ConsoleBrowserTestBase {
    ConsoleClient client;

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
        client = new ConsoleClient(hub);
        hub.addAccount("lena", Role.LEAD, List.of("en", "es"), 2);
    }

    private void signIn(String username) {
        submitLogin(username);
        browser.waitFor("#logout");
    }

    private void save(String expected) {
        browser.find("form.settings-form button[type='submit'].primary").click();
        browser.waitForText("#form-status", expected);
    }

    private static WebElement last(WebElement in, String css) {
        List<WebElement> all = in.findElements(By.cssSelector(css));
        return all.get(all.size() - 1);
    }

    private void setValue(WebElement input, String value) {
        browser.js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input, value);
    }

    @Test
    void leadEditsHoursAndStatusFollows() throws Exception {
        signIn("lena");
        browser.open(base + "/console/lead/hours");
        WebElement always = browser.waitFor("#always-open");
        assertTrue(always.isSelected(), "a fresh hub is open at all hours");
        always.click();
        WebElement zone = browser.find("#time-zone");
        zone.clear();
        zone.sendKeys("America/Chicago");
        for (int day = 1; day <= 5; day++) browser.find(".day[data-day='" + day + "'] .add-slot").click();
        // Monday (today, 09:00 in Chicago) opens at 10:00, so the chat is closed now.
        setValue(browser.find(".day[data-day='1'] .slot .open"), "10:00");
        setValue(browser.find(".day[data-day='5'] .slot .close"), "21:00");
        browser.find(".day[data-day='6'] .add-slot").click();
        setValue(browser.find(".day[data-day='6'] .slot .open"), "20:00");
        setValue(browser.find(".day[data-day='6'] .slot .close"), "02:00");
        browser.find("#add-holiday").click();
        setValue(browser.find("#holiday-list .holiday .date"), "2026-12-25");
        browser.find("#holiday-list .holiday .name").sendKeys("Christmas Day");
        save("Saved.");
        browser.fullPage("lead-01-hours");

        JsonObject status = client.status("en");
        assertFalse(status.getBoolean("open"));
        assertEquals("2026-11-23T16:00:00Z", status.getString("opensAt"));

        // A bad zone is refused with its reason, next to the zone, and nothing changes.
        zone.clear();
        zone.sendKeys("Atlantis/Capital");
        save("Choose a time zone from the list");
        assertTrue(browser.find("#form-status").getAttribute("class").contains("error"));
        assertFieldError(zone, "Choose a time zone from the list, for example America/Chicago.");
        browser.open(base + "/console/lead/hours");
        assertEquals("America/Chicago", browser.waitFor("#time-zone").getAttribute("value"));
        assertEquals("Christmas Day", browser.find("#holiday-list .holiday .name").getAttribute("value"));
    }

    @Test
    void leadChoosesOnTheHoursPageWhetherOpenNeedsSomeoneOnShift() throws Exception {
        signIn("lena");
        browser.open(base + "/console/lead/hours");
        WebElement unstaffed = browser.waitFor("#closed-unstaffed");
        assertFalse(unstaffed.isSelected(), "off by default: survivors are told nobody is there and may wait");
        assertTrue(browser.find("label.check:has(#closed-unstaffed)").getText().contains("Show as closed when nobody is on shift"));
        assertTrue(client.status("en").getBoolean("open"), "always open, nobody on shift");
        unstaffed.click();
        save("Saved.");
        assertFalse(client.status("en").getBoolean("open"), "shown as closed while nobody is on shift");

        new Select(browser.find("#ui-language")).selectByValue("es");
        browser.until(d -> "es".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
        assertTrue(browser.waitFor("#closed-unstaffed").isSelected(), "the saved choice is shown again");
        assertEquals("Mostrar como cerrado cuando no hay nadie de turno",
                browser.find("label.check:has(#closed-unstaffed)").getText().strip());
        assertTrue(browser.find("#closed-unstaffed-hint").getText().startsWith("Si está marcado"));
        assertEquals("closed-unstaffed-hint", browser.find("#closed-unstaffed").getAttribute("aria-describedby"));

        hub.advocateOnShift("maria");
        assertTrue(client.status("en").getBoolean("open"), "open again once someone is on shift");
    }

    /** The refusal is on the input: marked invalid, described by the message, focused. */
    private void assertFieldError(WebElement input, String message) {
        assertEquals("true", input.getAttribute("aria-invalid"));
        String describedBy = input.getAttribute("aria-describedby");
        assertNotNull(describedBy, "the message is attached to the input");
        String id = describedBy.substring(describedBy.lastIndexOf(' ') + 1);
        assertEquals(message, browser.find("#" + id).getText());
        assertEquals(input, browser.driver.switchTo().activeElement(), "the input has the focus");
    }

    @Test
    void refusedValuesAreExplainedAtTheirFieldInTheLeadsLanguage() throws Exception {
        Account lena = TestHub.await(hub.hub.settingsStore().account("lena")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(new Account(lena.username(), lena.displayName(), lena.role(),
                lena.passwordHash(), null, false, lena.capacity(), lena.languages(), "es", lena.createdAt())));
        signIn("lena");
        browser.open(base + "/console/lead/retention");
        WebElement idle = browser.waitFor("#idle");
        idle.clear();
        idle.sendKeys("99999");
        browser.find("#retention-form button[type='submit']").click();
        browser.waitFor(".field-error");
        assertFieldError(idle, "«Terminar un chat tras estos minutos sin mensajes»: escriba un número entero del 1 al 30, "
                + "o déjelo vacío para usar el valor predeterminado.");
        assertFalse(browser.find("#form-status").getText().contains("idleTimeoutMinutes"), "no internal names");
        browser.fullPage("lead-05b-retention-field-error");
        idle.sendKeys(Keys.BACK_SPACE);
        assertNull(idle.getAttribute("aria-invalid"), "typing clears the mark");

        browser.open(base + "/console/lead/hours");
        browser.waitFor("#always-open").click();
        browser.find(".day[data-day='2'] .add-slot").click();
        browser.find(".day[data-day='3'] .add-slot").click();
        WebElement wednesdayCloses = browser.find(".day[data-day='3'] .slot .close");
        setValue(browser.find(".day[data-day='3'] .slot .open"), "12:00");
        setValue(wednesdayCloses, "12:00");
        browser.find("#hours-form button[type='submit'].primary").click();
        browser.waitFor(".field-error");
        assertFieldError(wednesdayCloses, "Este tramo abre y cierra a la misma hora. Para el día entero use de 00:00 a 00:00.");
    }

    @Test
    void aDaysHoursAreCopiedToTheWeekdaysOrOneDay() throws Exception {
        signIn("lena");
        browser.open(base + "/console/lead/hours");
        browser.waitFor("#always-open").click();
        WebElement monday = browser.find(".day[data-day='1']");
        monday.findElement(By.cssSelector(".add-slot")).click();
        monday.findElement(By.cssSelector(".add-slot")).click();
        List<WebElement> slots = monday.findElements(By.cssSelector(".slot"));
        setValue(slots.get(0).findElement(By.cssSelector(".open")), "08:00");
        setValue(slots.get(0).findElement(By.cssSelector(".close")), "12:00");
        setValue(slots.get(1).findElement(By.cssSelector(".open")), "13:00");
        setValue(slots.get(1).findElement(By.cssSelector(".close")), "17:30");
        browser.find(".day[data-day='3'] .add-slot").click(); // Wednesday's own hours are replaced

        new Select(monday.findElement(By.cssSelector(".copy-to"))).selectByValue("weekdays");
        for (int day = 2; day <= 5; day++) {
            List<WebElement> copied = browser.find(".day[data-day='" + day + "']").findElements(By.cssSelector(".slot"));
            assertEquals(2, copied.size(), "day " + day);
            assertEquals("13:00", copied.get(1).findElement(By.cssSelector(".open")).getAttribute("value"));
            assertEquals("17:30", copied.get(1).findElement(By.cssSelector(".close")).getAttribute("value"));
        }
        assertTrue(browser.find(".day[data-day='6']").findElements(By.cssSelector(".slot")).isEmpty(), "not the weekend");
        assertEquals("", monday.findElement(By.cssSelector(".copy-to")).getAttribute("value"), "ready for the next copy");
        new Select(monday.findElement(By.cssSelector(".copy-to"))).selectByValue("6");
        assertEquals(2, browser.find(".day[data-day='6']").findElements(By.cssSelector(".slot")).size());
        browser.fullPage("lead-01b-hours-copied");
        save("Saved.");
        assertEquals(12, TestHub.await(hub.hub.settingsStore().programSettings()).weeklyHours().size());
    }

    @Test
    void leadEditsReferralsAndStatusFollows() throws Exception {
        signIn("lena");
        browser.open(base + "/console/lead/referrals");
        WebElement en = browser.waitFor("fieldset.by-lang[data-lang='en']");
        assertEquals(3, en.findElements(By.cssSelector(".item")).size(), "the national defaults");
        en.findElement(By.cssSelector(".add-item")).click();
        List<WebElement> items = en.findElements(By.cssSelector(".item"));
        WebElement added = items.get(items.size() - 1);
        added.findElement(By.cssSelector(".f-name")).sendKeys("Riverside Shelter");
        added.findElement(By.cssSelector(".f-phone")).sendKeys("(555) 010-2000");
        added.findElement(By.cssSelector(".f-text")).sendKeys("Emergency shelter and legal advocacy, 24/7.");
        added.findElement(By.cssSelector(".f-url")).sendKeys("https://riverside.example");
        added.findElement(By.cssSelector(".up")).click(); // move above "Emergency services"
        save("Saved.");
        browser.fullPage("lead-02-referrals");

        JsonArray referrals = client.status("en").getJsonArray("referrals");
        assertEquals(4, referrals.size());
        assertEquals("Riverside Shelter", referrals.getJsonObject(2).getString("name"));
        assertEquals("https://riverside.example", referrals.getJsonObject(2).getString("url"));
        assertEquals(3, client.status("es").getJsonArray("referrals").size(), "Spanish has its own list");

        WebElement url = browser.find("fieldset.by-lang[data-lang='en'] .item .f-url");
        url.clear();
        url.sendKeys("javascript:alert(1)");
        save("https://");
        assertFieldError(url, "Web addresses must start with https:// or http:// and name a site.");
        assertEquals("https://www.thehotline.org", client.status("en").getJsonArray("referrals").getJsonObject(0).getString("url"));
    }

    @Test
    void leadWritesCannedResponsesWidgetTextsAndRetention() throws Exception {
        signIn("lena");
        browser.open(base + "/console/lead/canned");
        WebElement en = browser.waitFor("fieldset.by-lang[data-lang='en']");
        int starters = en.findElements(By.cssSelector(".item .f-title")).size();
        assertTrue(starters >= 5, "a new hub starts with the starter set, for the lead to edit");
        en.findElement(By.cssSelector(".add-item")).click();
        last(en, ".item .f-title").sendKeys("Greeting");
        last(en, ".item .f-text").sendKeys("Hi, my name is {name}. I'm glad you reached out. What's on your mind?");
        en.findElement(By.cssSelector(".add-item")).click();
        last(en, ".item .f-title").sendKeys("Safety check");
        last(en, ".item .f-text").sendKeys("Are you in a safe place to chat right now?");
        WebElement es = browser.find("fieldset.by-lang[data-lang='es']");
        es.findElement(By.cssSelector(".add-item")).click();
        last(es, ".item .f-title").sendKeys("Saludo");
        last(es, ".item .f-text").sendKeys("Hola, gracias por escribirnos. ¿En qué le puedo ayudar?");
        save("Saved.");
        browser.fullPage("lead-03-canned");

        browser.open(base + "/console/lead/widget");
        WebElement title = browser.waitFor("#title-en");
        title.sendKeys("Chat with an advocate");
        browser.find("#notice-en").sendKeys("This chat is confidential and anonymous. It is not for emergencies: if you are in danger, call 911.");
        browser.find("#title-es").sendKeys("Chatee con una intercesora");
        setValue(browser.find("#colour"), "#0b6e4f");
        new Select(browser.find("#position")).selectByValue("left");
        WebElement exit = browser.find("#quick-exit");
        exit.clear();
        exit.sendKeys("https://weather.example");
        save("Saved.");
        browser.fullPage("lead-04-widget");
        JsonObject status = client.status("en");
        assertEquals("Chat with an advocate", status.getJsonObject("widget").getString("title"));
        assertEquals("#0b6e4f", status.getJsonObject("widget").getString("primaryColor"));
        assertEquals("https://weather.example", status.getString("quickExitUrl"));

        browser.open(base + "/console/lead/retention");
        WebElement idle = browser.waitFor("#idle");
        idle.sendKeys("20");
        save("Saved.");
        browser.fullPage("lead-05-retention");
        assertEquals(Duration.ofMinutes(20), hub.hub.conversations().timeouts().idleTimeout());
        idle.clear();
        idle.sendKeys("999");
        save("“End a chat after this many minutes without a message”: enter a whole number from 1 to 30");
        assertFieldError(idle, "“End a chat after this many minutes without a message”: enter a whole number from 1 to 30, "
                + "or leave it empty for the default.");
    }

    @Test
    void theWidgetPageSaysWhetherVideoIsOnAndHowToTurnItOn() throws Exception {
        signIn("lena");
        browser.open(base + "/console/lead/widget");
        String off = browser.waitFor("#video-status").getText();
        assertTrue(off.contains("Video calls are off for this program."), off);
        assertTrue(off.contains("jitsi.domain") && off.contains("docs/video.md"), "says how to turn them on: " + off);

        hub.close();
        startHubSignedOut(Map.of("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", "0123456789abcdef0123456789abcdef-test-secret"));
        signIn("lena");
        browser.open(base + "/console/lead/widget");
        String on = browser.waitFor("#video-status").getText();
        assertTrue(on.contains("Video calls are on"), on);
        assertFalse(on.contains("jitsi.domain"), "nothing to do when they are on: " + on);
    }

    @Test
    void aRefusedDisplayNameOrShownTextIsExplainedBesideItsInput() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signIn("lena");
        String displayName = "The name shown to survivors is required: up to 80 characters, with no control or text-direction characters.";
        browser.open(base + "/console/lead/staff");
        browser.waitFor("#new-username").sendKeys("jordan");
        WebElement newName = browser.find("#new-display-name");
        setValue(newName, "\u202Enadroj");
        browser.find("#new-password").sendKeys("a long first password");
        browser.find("#create-form button[type='submit']").click();
        browser.waitFor("#create-form .field-error");
        assertFieldError(newName, displayName);
        assertTrue(TestHub.await(hub.hub.settingsStore().account("jordan")).isEmpty());

        browser.find("tr[data-username='maria'] [data-action='edit']").click();
        WebElement editName = browser.waitFor("#edit-display-name");
        setValue(editName, "Maria\u001b[31m");
        browser.find("#edit-form button[type='submit']").click();
        browser.waitFor("#edit-form .field-error");
        assertFieldError(editName, displayName);
        browser.screenshot("lead-06b-staff-display-name-error");
        assertEquals("Advocate maria", TestHub.await(hub.hub.settingsStore().account("maria")).orElseThrow().displayName());

        String shownLine = "Remove the control or text-direction character here (such as an escape, a line break or a right-to-left "
                + "override): it could garble this text or make it read as another.";
        browser.open(base + "/console/lead/hours");
        browser.waitFor("#add-holiday").click();
        setValue(browser.find(".holiday .date"), "2026-12-25");
        WebElement holiday = browser.find(".holiday .name");
        setValue(holiday, "Navidad\u202E");
        browser.find("#hours-form button[type='submit'].primary").click();
        browser.waitFor(".field-error");
        assertFieldError(holiday, shownLine);

        browser.open(base + "/console/lead/widget");
        WebElement title = browser.waitFor("#title-en");
        setValue(title, "Talk\u2066 to us");
        save("Remove the control");
        browser.waitFor(".field-error");
        assertFieldError(title, shownLine);
    }

    @Test
    void leadManagesStaffAccounts() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        ConsoleClient.Staff maria = client.login("maria", TestHub.PASSWORD, null);
        signIn("lena");
        browser.open(base + "/console/lead/staff");
        WebElement username = browser.waitFor("#new-username");
        username.sendKeys("system");
        browser.find("#new-display-name").sendKeys("Jordan");
        browser.find("input[name='new-lang'][value='es']").click();
        browser.find("#new-password").sendKeys("a long first password");
        browser.find("#new-require-totp").click();
        browser.find("#create-form button[type='submit']").click();
        browser.waitFor(".field-error");
        assertFieldError(username, "“system” is reserved: Hearth uses it for the survivor, for itself or for SMS. "
                + "Choose another username.");
        assertTrue(TestHub.await(hub.hub.settingsStore().account("system")).isEmpty());
        username.clear();
        username.sendKeys("jordan");
        browser.find("#create-form button[type='submit']").click();
        browser.waitFor("tr[data-username='jordan']");
        Account jordan = TestHub.await(hub.hub.settingsStore().account("jordan")).orElseThrow();
        assertEquals(List.of("en", "es"), jordan.languages());
        assertTrue(browser.find("tr[data-username='jordan']").getText().contains("required"));

        browser.find("tr[data-username='maria'] [data-action='edit']").click();
        WebElement capacity = browser.waitFor("#edit-capacity");
        capacity.clear();
        capacity.sendKeys("3");
        browser.screenshot("lead-06-staff-edit");
        browser.find("#edit-form button[type='submit']").click();
        browser.until(d -> d.findElement(By.cssSelector("tr[data-username='maria']")).getText().contains("3"));

        browser.find("tr[data-username='maria'] [data-action='disable']").click();
        browser.until(d -> browser.alertOpen());
        browser.driver.switchTo().alert().accept();
        browser.until(d -> d.findElement(By.cssSelector("tr[data-username='maria']")).getText().contains("Disabled"));
        assertEquals(401, client.get("/api/v1/console/me", maria).statusCode(), "maria's session ended");
        browser.fullPage("lead-07-staff");
    }

    @Test
    void theFirstLeadIsSentToChooseItsOwnPasswordAndTheFileGoes() throws Exception {
        Path file = dataDir.resolve(org.hearthhub.auth.FirstLeadBootstrap.PASSWORD_FILE);
        String starting = java.nio.file.Files.readString(file).strip();
        browser.open(base + "/console/login");
        browser.waitFor("#username").sendKeys("lead");
        browser.find("#password").sendKeys(starting);
        browser.clickable("#login-submit").click();
        browser.waitFor("#password-due");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console/totp"), "sent to choose a password");
        assertTrue(browser.find("#first-lead-file").getText().contains(file.toAbsolutePath().toString()));
        assertTrue(browser.driver.findElements(By.id("totp-form")).isEmpty(), "one thing at a time");
        browser.fullPage("first-sign-in-password");
        browser.open(base + "/console/lead/hours");
        browser.waitFor("#password-due");

        Object deviceBefore = deviceCookie();
        browser.find("#current-password").sendKeys(starting);
        browser.find("#new-password").sendKeys("our program's own passphrase");
        browser.find("#password-form button[type='submit']").click();
        browser.until(d -> d.getCurrentUrl().endsWith("/console/login"));
        assertFalse(java.nio.file.Files.exists(file), "the hub deleted the starting password");
        Object deviceAfter = deviceCookie();
        assertTrue(deviceBefore != null && deviceAfter != null && !deviceAfter.equals(deviceBefore),
                "the page's change gave this browser a fresh device cookie (the one from before is void): " + deviceBefore + " → " + deviceAfter);
        browser.waitFor("#username").sendKeys("lead");
        browser.find("#password").sendKeys("our program's own passphrase");
        browser.clickable("#login-submit").click();
        browser.waitFor("#logout");
        browser.open(base + "/console/lead/hours");
        browser.waitFor("#logout");
        assertTrue(browser.driver.findElements(By.id("first-lead-file")).isEmpty());
    }

    /** The value of the staff device cookie the browser holds, or null. */
    private Object deviceCookie() {
        return browser.allCookies().stream().filter(c -> "hearth_staff_device".equals(c.get("name")))
                .map(c -> c.get("value")).findFirst().orElse(null);
    }

    @Test
    void requiringTheAppForEveryoneWarnsTheLeadItMeansThemToo() throws Exception {
        signIn("lena");
        browser.open(base + "/console/lead/staff");
        browser.waitFor("#require-totp-all").click();
        browser.find("#security-form button[type='submit']").click();
        WebElement warning = browser.waitFor("#security-confirm");
        assertTrue(warning.getText().contains("This includes you"));
        assertFalse(TestHub.await(hub.hub.settingsStore().programSettings()).staffSecurity().requireTotpForAll(), "not yet saved");
        browser.fullPage("lead-staff-require-totp-confirm");
        browser.find("#security-confirm-no").click();
        assertFalse(browser.find("#security-confirm").isDisplayed());

        browser.find("#security-form button[type='submit']").click();
        browser.waitFor("#security-confirm-yes").click();
        browser.waitFor("#totp-form");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console/totp"), "sent to set it up");
        assertTrue(TestHub.await(hub.hub.settingsStore().programSettings()).staffSecurity().requireTotpForAll());
    }

    @Test
    void leadSetsUpTotpByQrCodeAndSignsInWithIt() throws Exception {
        signIn("lena");
        browser.open(base + "/console/totp");
        WebElement qr = browser.waitFor(".qr svg");
        assertNotNull(qr);
        String secret = browser.find("#totp-secret").getText().replace(" ", "");
        browser.fullPage("lead-08-totp");
        browser.find("#totp-code").sendKeys(AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()));
        // Set up from the security page, not at a sign-in's set-up: an open console alone may not do it.
        assertTrue(browser.find("#totp-password").isDisplayed(), "the page asks for the current password");
        browser.find("#totp-form button[type='submit']").click();
        browser.waitForText("#totp-status", "Type your current password as well");
        assertNull(TestHub.await(hub.hub.settingsStore().account("lena")).orElseThrow().totpSecret());
        browser.find("#totp-password").sendKeys(TestHub.PASSWORD);
        browser.find("#totp-form button[type='submit']").click();
        browser.waitForText("#totp-status", "authenticator app is on");
        assertEquals(secret, TestHub.await(hub.hub.settingsStore().account("lena")).orElseThrow().totpSecret());

        browser.find("#logout").click();
        browser.until(d -> d.getCurrentUrl().endsWith("/console/login"));
        hub.clock.advance(Duration.ofSeconds(30));
        browser.waitFor("#username").sendKeys("lena");
        browser.find("#password").sendKeys(TestHub.PASSWORD);
        browser.clickable("#login-submit").click();
        browser.waitFor("#totp").sendKeys(AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()));
        browser.clickable("#login-submit").click();
        browser.waitFor("#logout");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console"));
    }

    @Test
    void aSetUpPageLeftOpenPastItsSignInAsksForThePasswordAndKeepsTheCodeTyped() throws Exception {
        ConsoleClient.Staff other = client.account("lena", Role.LEAD);
        assertEquals(200, client.put("/api/v1/lead/security", other, new JsonObject().put("requireTotpForAll", true)).statusCode());
        submitLogin("lena");
        browser.waitFor("#totp-form");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console/totp"), "sent to set it up");
        assertFalse(browser.find("#totp-password").isDisplayed(), "the password was just typed");
        hub.clock.advance(Duration.ofMinutes(6));
        browser.open(base + "/console/totp"); // a new offer, good for ten minutes from now
        browser.waitFor("#totp-form");
        assertFalse(browser.find("#totp-password").isDisplayed(), "the sign-in is still minutes old only");

        hub.clock.advance(Duration.ofMinutes(5)); // the page stayed open: whoever is at it now need not be lena
        String secret = browser.find("#totp-secret").getText().replace(" ", "");
        browser.find("#totp-code").sendKeys(AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()));
        browser.find("#totp-form button[type='submit']").click();
        browser.waitForText("#totp-status", "Type your current password as well");
        assertTrue(browser.find("#totp-password").isDisplayed(), "now it asks");
        assertNull(TestHub.await(hub.hub.settingsStore().account("lena")).orElseThrow().totpSecret());

        browser.find("#totp-password").sendKeys(TestHub.PASSWORD);
        browser.find("#totp-form button[type='submit']").click(); // the code typed is still there
        browser.waitForText("#totp-status", "authenticator app is on");
        assertEquals(secret, TestHub.await(hub.hub.settingsStore().account("lena")).orElseThrow().totpSecret());
    }

    @Test
    void leadReadsStatisticsAndTheAccessLog() throws Exception {
        StatisticsAndAccessLogTest.seedStatistics(hub);
        signIn("lena");
        browser.open(base + "/console/lead/stats?from=2026-11-21&to=2026-11-23");
        browser.waitFor("#chart-contacts svg");
        assertEquals("24", browser.find("#stat-contacts").getText());
        // Axis text as drawn on a 1280×800 screen: its font size times the chart's scale (the SVG shrinks to its card).
        Number smallest = (Number) browser.js("var min = 1e9;"
                + "document.querySelectorAll('.chart-svg text.axis').forEach(function (t) {"
                + "  var px = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a; if (px < min) min = px; });"
                + "return min;");
        assertTrue(smallest.doubleValue() >= 11, "axis labels are readable, not " + smallest + " px");
        browser.fullPage("lead-09-statistics");

        // Some history for the log: settings and account changes, a shift, a chat.
        ConsoleClient.Staff api = client.login("lena", TestHub.PASSWORD, null);
        client.put("/api/v1/lead/canned", api, client.get("/api/v1/lead/canned", api).bodyAsJsonObject());
        client.put("/api/v1/lead/hours", api, client.get("/api/v1/lead/hours", api).bodyAsJsonObject());
        var maria = hub.advocateOnShift("maria", List.of("en"), 2);
        var survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        maria.send("accept", "conversation", id);
        maria.await("conversation");
        maria.send("end", "conversation", id);
        maria.await("ended");
        client.put("/api/v1/lead/staff/maria", api, new JsonObject().put("capacity", 3));
        browser.until(d -> {
            try {
                java.time.LocalDate today = java.time.LocalDate.parse("2026-11-23");
                return TestHub.await(hub.hub.settingsStore().auditEntries(0, 100)).stream()
                        .anyMatch(e -> e.record().action().equals("conversation.end"))
                        && TestHub.await(hub.hub.settingsStore().dailyCounters(today, today)).get(today).get("end.advocate") == 4L;
            } catch (Exception e) {
                return false;
            }
        });
        maria.close();
        survivor.close();
        browser.open(base + "/console/lead/audit");
        assertTrue(browser.waitFor("#chain").getText().contains("Hash chain verified"));
        browser.fullPage("lead-10-access-log");
        WebElement action = browser.find("input[name='action']");
        action.sendKeys("account.");
        browser.find("form.filters button[type='submit']").click();
        browser.until(d -> d.getCurrentUrl().contains("action=account."));
    }

    @Test
    void advocatesSeeTheForbiddenPageAndNoLeadLinks() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signIn("maria");
        assertTrue(browser.driver.findElements(By.cssSelector("a[href='/console/lead/hours']")).isEmpty());
        browser.open(base + "/console/lead/staff");
        assertEquals("Not allowed", browser.waitFor("h1").getText());
    }
}
