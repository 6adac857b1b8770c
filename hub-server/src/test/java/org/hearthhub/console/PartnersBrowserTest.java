package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Partner;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In Chromium: a lead keeps the partner directory on its page (a hostile name stays text), an advocate
 * sends a partner's card from the chat with Alt+P, and the lead finds it in the sharing register.
 */
class PartnersBrowserTest extends ConsoleBrowserTestBase {
    static final String HOSTILE = "\"><img src=x onerror=window.__pwned=1>Shelter";

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
        hub.addAccount("lena", Role.LEAD, List.of("en", "es"), 2);
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
    }

    private void assertInert(String where) {
        assertFalse(browser.alertOpen(), "an alert opened on " + where);
        assertNull(browser.js("return window.__pwned;"), "injected script ran on " + where);
    }

    @Test
    void aLeadKeepsTheDirectoryAndAnAdvocateSendsAPartnersCard() throws Exception {
        submitLogin("lena");
        browser.waitFor("#logout");
        browser.open(base + "/console/lead/partners");
        browser.waitFor("#add-partner").click();
        WebElement row = browser.waitFor("#partner-list form.partner");
        row.findElement(By.cssSelector(".f-name")).sendKeys("Legal Aid North");
        row.findElement(By.cssSelector(".f-services")).sendKeys("legal aid, protection orders");
        row.findElement(By.cssSelector(".f-languages")).sendKeys("English, Vietnamese");
        row.findElement(By.cssSelector(".f-phone")).sendKeys("555-0100");
        row.findElement(By.cssSelector(".f-email")).sendKeys("intake@legalaid.example");
        row.findElement(By.cssSelector(".f-url")).sendKeys("javascript:alert(1)");
        row.findElement(By.cssSelector("button[type='submit']")).click();
        WebElement url = row.findElement(By.cssSelector(".f-url"));
        browser.until(d -> "true".equals(url.getAttribute("aria-invalid")));
        assertEquals(url, browser.driver.switchTo().activeElement(), "the refused field has the focus");
        url.clear();
        url.sendKeys("https://legalaid.example");
        row.findElement(By.cssSelector("button[type='submit']")).click();
        browser.waitForText("#partner-list form [role='status']", "Saved.");
        Partner saved = hub.hub.settings().get().partners().get(0);
        assertEquals("Legal Aid North", saved.name());
        assertEquals(List.of("legal aid", "protection orders"), saved.services());
        assertEquals(List.of("English", "Vietnamese"), saved.languages());
        browser.fullPage("lead-11-partners");

        browser.waitFor("#add-partner").click();
        WebElement second = browser.driver.findElements(By.cssSelector("#partner-list form.partner")).get(1);
        second.findElement(By.cssSelector(".f-name")).sendKeys(HOSTILE);
        second.findElement(By.cssSelector(".f-services")).sendKeys("shelter");
        second.findElement(By.cssSelector(".f-program")).sendKeys("hillside");
        second.findElement(By.cssSelector("button[type='submit']")).click();
        browser.until(d -> hub.hub.settings().get().partners().size() == 2);

        browser.open(base + "/console/lead/partners");
        browser.waitFor("#partner-list .f-name");
        assertEquals(List.of("Legal Aid North", HOSTILE), browser.driver.findElements(By.cssSelector("#partner-list .f-name")).stream()
                .map(e -> e.getAttribute("value")).toList(), "shown as the exact text typed");
        assertInert("the partners page");
        assertEquals(List.of(), browser.seriousAccessibilityViolations());

        browser.clearCookies();
        submitLogin("maria");
        browser.waitForText("#connection", "Connected");
        browser.waitFor("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");
        WebElement box = browser.waitFor(".chat:not([hidden]) textarea");
        new Actions(browser.driver).keyDown(Keys.ALT).sendKeys("p").keyUp(Keys.ALT).perform();
        browser.waitFor("#picker[open]");
        String listed = browser.find("#picker-list").getText();
        assertTrue(listed.contains(HOSTILE + " · on this hub") && listed.contains("legal aid, protection orders"), listed);
        assertInert("the partner picker");
        browser.find("#picker-search").sendKeys("vietnamese");
        browser.screenshot("advocate-12-partners");
        browser.find("#picker-search").sendKeys(Keys.ENTER);
        browser.waitGone("#picker[open]");
        JsonObject card = survivor.await("message").getJsonArray("referrals").getJsonObject(0);
        assertEquals("Legal Aid North", card.getString("name"));
        assertEquals("https://legalaid.example", card.getString("url"));
        browser.until(d -> d.findElements(By.cssSelector(".chat:not([hidden]) .msg-advocate.pending")).isEmpty());
        assertEquals("", box.getAttribute("value"), "the composer is left alone");

        browser.find(".chat:not([hidden]) [data-action='partner']").click();
        browser.waitFor("#picker[open]");
        browser.find("#picker-search").sendKeys("shelter");
        browser.find("#picker-search").sendKeys(Keys.ENTER);
        browser.waitGone("#picker[open]");
        assertEquals(HOSTILE, survivor.await("message").getJsonArray("referrals").getJsonObject(0).getString("name"));

        List<SharingEntry> month = TestHub.await(hub.hub.settingsStore().sharingEntries(YearMonth.of(2026, 11)));
        assertEquals(List.of("Legal Aid North", HOSTILE), month.stream().map(SharingEntry::toPartner).toList());
        assertEquals("hillside", month.get(1).toProgram());

        browser.clearCookies();
        submitLogin("lena");
        browser.waitFor("#logout");
        browser.open(base + "/console/lead/sharing");
        WebElement table = browser.waitFor("#sharing-table tbody");
        assertTrue(table.getText().contains(HOSTILE) && table.getText().contains("Legal Aid North · outside the hub"), table.getText());
        assertInert("the register page");
        assertEquals(List.of(), browser.seriousAccessibilityViolations());
    }

    @Test
    void aCoalitionAdminPublishesAnEntryAndALeadAdoptsAndDropsItOnTheirPage() throws Exception {
        hub.addAccount("cora", Role.LEAD, List.of("en"), 1);
        var cora = TestHub.await(hub.hub.accounts().account("cora")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(cora.withCoalitionAdmin(true)));
        submitLogin("cora");
        browser.waitFor("#logout");
        browser.open(base + "/console/coalition/partners");
        browser.waitFor("#add-partner").click();
        WebElement row = browser.waitFor("#partner-list form.partner");
        row.findElement(By.cssSelector(".f-name")).sendKeys("Statewide Hotline");
        row.findElement(By.cssSelector(".f-services")).sendKeys("hotline, safety planning");
        row.findElement(By.cssSelector(".f-phone")).sendKeys("1-800-555-0100");
        row.findElement(By.cssSelector("button[type='submit']")).click();
        browser.waitForText("#partner-list form [role='status']", "Saved.");
        List<Partner> published = TestHub.await(hub.hub.settingsStore().coalitionPartners());
        assertEquals(List.of("Statewide Hotline"), published.stream().map(Partner::name).toList());
        assertTrue(row.findElement(By.cssSelector(".f-source")).getAttribute("hidden") != null, "the coalition's own page edits its entries");
        assertInert("the coalition's partner page");
        assertEquals(List.of(), browser.seriousAccessibilityViolations());

        browser.clearCookies();
        submitLogin("lena");
        browser.waitFor("#logout");
        browser.open(base + "/console/lead/partners");
        WebElement offered = browser.waitFor("#coalition-list .coalition-entry");
        assertEquals("Statewide Hotline", offered.findElement(By.cssSelector(".c-name")).getText());
        assertEquals("hotline, safety planning", offered.findElement(By.cssSelector(".c-detail")).getText());
        assertTrue(browser.driver.findElements(By.cssSelector("#partner-list form.partner")).isEmpty());
        offered.findElement(By.cssSelector(".adopt")).click();
        WebElement adopted = browser.waitFor("#partner-list form.partner");
        browser.until(d -> !hub.hub.settings().get().adoptedPartners().isEmpty());
        assertEquals(List.of(published.get(0).id()), hub.hub.settings().get().adoptedPartners());
        assertEquals("Statewide Hotline", adopted.findElement(By.cssSelector(".f-name")).getAttribute("value"));
        assertEquals("true", adopted.findElement(By.cssSelector(".f-phone")).getAttribute("readonly"), "the coalition's to edit");
        assertFalse(adopted.findElement(By.cssSelector("button[type='submit']")).isDisplayed());
        assertEquals(offered.findElement(By.cssSelector(".drop")), browser.driver.switchTo().activeElement(), "the way back has the focus");
        browser.fullPage("lead-12-coalition-partners");
        assertEquals(List.of(), browser.seriousAccessibilityViolations());

        TestHub.await(hub.hub.settingsStore().addCoalitionPartner(new Partner("c-hostile", HOSTILE, List.of("shelter"), List.of(),
                null, null, null, null, null, Partner.FROM_COALITION)));
        browser.open(base + "/console/lead/partners");
        browser.until(d -> d.findElements(By.cssSelector("#coalition-list .coalition-entry")).size() == 2);
        assertEquals(List.of(HOSTILE, "Statewide Hotline"), browser.driver.findElements(By.cssSelector("#coalition-list .c-name")).stream()
                .map(WebElement::getText).toList(), "shown as text, after a reload too");
        assertInert("the lead's partner page");
        WebElement again = browser.driver.findElements(By.cssSelector("#coalition-list .coalition-entry")).get(1);
        assertEquals("In your partner list.", again.findElement(By.cssSelector("[role='status']")).getText(), "adopted, after a reload too");
        assertFalse(again.findElement(By.cssSelector(".adopt")).isDisplayed());
        again.findElement(By.cssSelector(".drop")).click();
        browser.waitGone("#partner-list form.partner");
        browser.until(d -> hub.hub.settings().get().adoptedPartners().isEmpty());
        assertTrue(again.findElement(By.cssSelector(".adopt")).isDisplayed());
        assertEquals(2, TestHub.await(hub.hub.settingsStore().coalitionPartners()).size(), "dropping leaves the coalition's entries");
    }
}
