package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lead's staff page for people who also work in another program: what it shows of that, Remove from this program, and
 * their program phone, which only a lead of all their programs may change.
 */
class StaffInSeveralProgramsBrowserTest extends ConsoleBrowserTestBase {
    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
        await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        hub.addAccount("lena", Role.LEAD, java.util.List.of("en"), 2);
        hub.addAccountIn("rita", Role.LEAD, Map.of("riverside", Role.LEAD));
        hub.addAccountIn("rob", Role.ADVOCATE, Map.of("riverside", Role.ADVOCATE));
        hub.addAccountIn("lupe", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
    }

    @Test
    void aLeadRemovesSomeoneFromTheirProgramOnlyAndSeesAnotherProgramsAuthenticatorRule() throws Exception {
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff lena = client.login("lena", TestHub.PASSWORD, null);
        assertEquals(200, client.put("/api/v1/lead/staff/lupe", lena, new JsonObject().put("requireTotp", true)).statusCode());

        submitLogin("rita");
        browser.waitFor("#logout");
        browser.open(base + "/console/lead/staff");
        WebElement lupeRow = browser.waitFor("tr[data-username='lupe']");
        assertTrue(lupeRow.getText().contains("also in another program"), lupeRow.getText());
        assertTrue(lupeRow.getText().contains("by another of their programs"), lupeRow.getText());
        assertTrue(lupeRow.findElements(By.cssSelector("[data-action='disable']")).isEmpty(), "no hub-wide Disable for her");
        WebElement robRow = browser.find("tr[data-username='rob']");
        assertFalse(robRow.getText().contains("also in another program"));
        assertTrue(robRow.findElements(By.cssSelector("[data-action='remove']")).isEmpty(), "riverside is rob's only program: Disable");

        lupeRow.findElement(By.cssSelector("[data-action='edit']")).click();
        assertTrue(browser.waitFor("#edit-totp-elsewhere").isDisplayed());
        assertFalse(browser.find("#edit-require-totp").isSelected(), "riverside's own rule for her is off");
        assertTrue(browser.seriousAccessibilityViolations().isEmpty(), () -> String.join("\n", browser.seriousAccessibilityViolations()));
        browser.find("#edit-cancel").click();

        browser.find("tr[data-username='lupe'] [data-action='remove']").click();
        browser.until(d -> browser.alertOpen());
        assertTrue(browser.driver.switchTo().alert().getText().contains("Remove lupe from this program?"));
        browser.driver.switchTo().alert().accept();
        browser.waitForText("#form-status", "lupe no longer works in this program.");
        browser.until(d -> d.findElements(By.cssSelector("tr[data-username='lupe']")).isEmpty());
        assertTrue(client.get("/api/v1/lead/staff", lena).bodyAsString().contains("\"lupe\""), "main still has her");
        assertEquals(java.util.Map.of("main", Role.ADVOCATE), await(hub.hub.accounts().account("lupe")).orElseThrow().memberships("main"));
    }

    /** The phone rings for main's calls too: riverside's lead sees it, cannot change it, and still edits the rest. */
    @Test
    void aLeadEditsSomeoneSharedWithAnotherProgramWithoutTouchingTheirPhone() throws Exception {
        await(hub.hub.accounts().saveAccount(await(hub.hub.accounts().account("lupe")).orElseThrow().withPhone("+15550100100")));
        submitLogin("rita");
        browser.waitFor("#logout");
        browser.open(base + "/console/lead/staff");
        browser.waitFor("tr[data-username='rob'] [data-action='edit']").click();
        assertNull(browser.waitFor("#edit-phone").getAttribute("readonly"), "rob works at riverside alone");
        assertFalse(browser.find("#edit-phone-elsewhere").isDisplayed());
        browser.find("#edit-cancel").click();

        browser.find("tr[data-username='lupe'] [data-action='edit']").click();
        WebElement phone = browser.waitFor("#edit-phone");
        assertEquals("+15550100100", phone.getAttribute("value"));
        assertNotNull(phone.getAttribute("readonly"), "shown, not editable");
        assertTrue(browser.find("#edit-phone-elsewhere").isDisplayed());
        assertTrue(browser.find("#edit-phone-elsewhere").getText().contains("a program you do not lead"));
        assertEquals("edit-phone-elsewhere", phone.getAttribute("aria-describedby"));
        assertTrue(browser.seriousAccessibilityViolations().isEmpty(), () -> String.join("\n", browser.seriousAccessibilityViolations()));
        WebElement name = browser.find("#edit-display-name");
        name.clear();
        name.sendKeys("Lupe R.");
        browser.find("#edit-form button[type='submit']").click();
        browser.until(d -> d.findElement(By.cssSelector("tr[data-username='lupe']")).getText().contains("Lupe R."));
        assertEquals("Lupe R.", await(hub.hub.accounts().account("lupe")).orElseThrow().displayName());
        assertEquals("+15550100100", await(hub.hub.accounts().account("lupe")).orElseThrow().phone());
    }
}
