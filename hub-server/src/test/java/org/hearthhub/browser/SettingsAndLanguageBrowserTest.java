package org.hearthhub.browser;

import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the lead configures (hours, referrals, looks) and the survivor's language, as the widget shows them. */
class SettingsAndLanguageBrowserTest extends BrowserTestBase {

    /** Open on Tuesdays only; the test hub's clock says Monday 2026-11-23 15:00 UTC. */
    private void closeUntilTuesday() throws Exception {
        openOnly(2, 9, 17);
    }

    /** Open on one ISO weekday only, from {@code open} to {@code close} o'clock, in the zone Chicago. */
    private void openOnly(int day, int open, int close) throws Exception {
        updateSettings(s -> new ProgramSettings("America/Chicago", List.of(new ProgramSettings.WeeklySlot(day, LocalTime.of(open, 0),
                LocalTime.of(close, 0))), s.holidays(), s.referrals(), s.cannedResponses(), s.widget(), s.retention()));
    }

    @Test
    void closedSaysTodayOrTomorrowAndNamesTheZone() throws Exception {
        // the hub's clock: Monday 09:00 in Chicago
        openOnly(1, 17, 20);
        openHostPage("en");
        openWidget();
        browser.withText(By.id("reopen"), "We open again today at 5:00 PM CST.");
        screenshot("survivor-closed-today");
        openHostPage("es");
        openWidget();
        browser.withText(By.id("reopen"), "Volvemos a abrir hoy, ");
        assertTrue(browser.visible(By.id("reopen")).getText().matches(".*17[:.]00.*(GMT-6|CST).*"),
                "today, at the hour, in the zone: " + browser.visible(By.id("reopen")).getText());

        openOnly(1, 8, 9); // today's hours are over: next Monday, not "Monday"
        openHostPage("es");
        openWidget();
        browser.withText(By.id("reopen"), "Volvemos a abrir el lunes, 30 de noviembre");
        String es = browser.visible(By.id("reopen")).getText();
        assertTrue(es.contains("GMT-6") || es.contains("CST"), "the zone is named: " + es);
    }

    private List<String> hrefs(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(a -> a.getAttribute("href")).toList();
    }

    @Test
    void closedHoursShowReferralsToCallOrText() throws Exception {
        closeUntilTuesday();
        openHostPage("en");
        openWidget();
        browser.withText(By.id("closed-h"), "The chat is closed right now");
        browser.withText(By.id("reopen"), "We open again tomorrow at 9:00 AM CST.");
        assertTrue(browser.driver.findElements(By.id("start")).stream().noneMatch(WebElement::isDisplayed), "no way to start a chat");
        List<String> referrals = browser.driver.findElements(By.cssSelector("#s-closed .ref strong")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("National Domestic Violence Hotline", "RAINN National Sexual Assault Hotline", "Emergency services"), referrals);
        assertEquals(List.of("tel:18007997233", "tel:18006564673", "tel:911"), hrefs("#s-closed .ref a[href^='tel:']"));
        // "…or text START to 88788" is tap-to-text; "…call 911" is not an invitation to text 911.
        assertEquals(List.of("sms:88788"), hrefs("#s-closed .ref a[href^='sms:']"));
        checkScreen("40-closed-referrals", "closed");
    }

    @Test
    void startingWhenTheProgramHasJustClosedShowsReferrals() throws Exception {
        openHostPage("en");
        openWidget();
        browser.visible(By.id("start"));
        closeUntilTuesday();
        browser.visible(By.id("start")).click();
        browser.withText(By.id("closed-h"), "The chat is closed right now");
        browser.withText(By.id("reopen"), "We open again tomorrow at 9:00 AM CST.");
        assertEquals(3, browser.driver.findElements(By.cssSelector("#s-closed .ref")).size());
    }

    @Test
    void fullQueueOffersOtherHelp() throws Exception {
        restartHub(Map.of("HEARTH_QUEUE_MAX_LENGTH", "1"));
        WsClient first = hub.survivor();
        first.send("start", "lang", "en");
        first.await("started");
        openHostPage("en");
        openWidget();
        browser.visible(By.id("start")).click();
        browser.withText(By.id("intro-error"), "All advocates are busy and the line is full.");
        assertEquals(3, browser.driver.findElements(By.cssSelector("#intro-help .ref")).stream().filter(WebElement::isDisplayed).count());
        assertTrue(browser.visible(By.id("start")).isEnabled(), "the survivor can try again");
        checkScreen("45-queue-full", "queue full");
    }

    @Test
    void dataLangEsShowsSpanish() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        openHostPage("es");
        openWidget();
        assertEquals("es", browser.js("return document.documentElement.lang"));
        browser.withText(By.id("intro-h"), "Chatea con una persona de apoyo");
        browser.withText(By.id("exit"), "Salida rápida");
        assertTrue(browser.driver.findElement(By.id("notice")).getText().contains("Salida rápida"));
        checkScreen("41-spanish-intro", "Spanish intro");

        startChat();
        browser.withText(By.id("position"), "Eres la siguiente persona en la fila.");
        browser.withText(By.cssSelector("#waiting .ref"), "Línea Nacional de Violencia Doméstica");
        assertEquals("es", advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty())
                .getJsonArray("items").getJsonObject(0).getString("lang"), "the advocate sees a Spanish chat");
        String id = acceptNext(advocate);
        browser.withText(By.id("chat-h"), "Chateando con Advocate maria");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Hola, aquí estoy.");
        line("Hola, aquí estoy.");
        checkScreen("42-spanish-chatting", "Spanish chat");

        // The switch (the hub's other language, named in itself): same chat, English texts.
        assertEquals(List.of("English"), switchOffers());
        browser.visible(By.cssSelector("#langs button[lang='en']")).click();
        browser.withText(By.id("chat-h"), "Chatting with Advocate maria");
        assertEquals("en", browser.js("return document.documentElement.lang"));
        assertEquals(List.of("Español"), switchOffers());
        assertEquals("Español", browser.js("return document.activeElement.closest('#langs') && document.activeElement.textContent"),
                "focus stays on the switch");
        assertEquals(List.of("Hola, aquí estoy."), lines());
    }

    private List<String> switchOffers() {
        return browser.driver.findElements(By.cssSelector("#langs button")).stream().map(WebElement::getText).toList();
    }

    @Test
    void withoutDataLangTheBrowsersLanguageDecides() throws Exception {
        String userAgent = String.valueOf(browser.js("return navigator.userAgent"));
        browser.driver.executeCdpCommand("Emulation.setUserAgentOverride", Map.of("userAgent", userAgent, "acceptLanguage", "es-MX"));
        openHostPage(null);
        assertEquals("es-MX", browser.js("return navigator.language"));
        openWidget();
        browser.withText(By.id("intro-h"), "Chatea con una persona de apoyo");
    }

    @Test
    void leadsTextsColoursAndPositionApply() throws Exception {
        updateSettings(s -> new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(), s.cannedResponses(),
                new ProgramSettings.WidgetLook(Map.of("en", "Talk to us"), Map.of("en", "We are here for you.\n\nNothing is kept."),
                        "#ffd24d", "left", null), s.retention()));
        openHostPage("en");
        intoChat();
        WebElement launcher = browser.withText(By.id("launcher"), "Talk to us");
        assertEquals(8L, Math.round(frameBox().get("left").doubleValue()), "the launcher's frame is on the left");
        intoChat();
        assertEquals("rgba(255, 210, 77, 1)", launcher.getCssValue("background-color"));
        assertEquals("rgba(17, 17, 17, 1)", launcher.getCssValue("color"), "dark text on a light colour");

        openWidget();
        browser.withText(By.id("title"), "Talk to us");
        assertEquals(List.of("We are here for you.", "Nothing is kept."), browser.driver.findElements(By.cssSelector("#notice p"))
                .stream().map(WebElement::getText).toList());
        assertEquals("rgba(255, 210, 77, 1)", browser.visible(By.id("start")).getCssValue("background-color"));
        assertEquals(8L, Math.round(frameBox().get("left").doubleValue()), "the panel opens on the same side");
        intoChat();
        checkScreen("43-lead-look", "intro in the lead's colours");
    }

    @Test
    void hubDemoPageEmbedsTheWidget() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        browser.driver.get(hub.publicUrl() + "/demo");
        openWidget();
        startChat();
        type("hi from the demo");
        String id = acceptNext(advocate);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Hello!");
        line("Hello!");
        checkScreen("44-demo-page", "chat on the hub's demo page");
    }
}
