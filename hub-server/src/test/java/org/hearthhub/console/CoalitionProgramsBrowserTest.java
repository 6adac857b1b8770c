package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Program;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coalition admin's programs page in headless Chromium: a program created, a lead named and numbers set through
 * the page, and every refusal of the coalition API shown where the admin is looking, as text.
 */
class CoalitionProgramsBrowserTest extends ConsoleBrowserTestBase {
    private static final String PAGE = "/console/coalition/programs";

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
        hub.addAccount("cora", Role.LEAD, List.of("en"), 1);
        Account cora = await(hub.hub.accounts().account("cora")).orElseThrow();
        await(hub.hub.accounts().saveAccount(cora.withCoalitionAdmin(true)));
        hub.addAccount("rita", Role.ADVOCATE, List.of("en", "es"), 2);
    }

    private void submit(String form) {
        browser.find("#" + form + " button[type='submit']").click();
    }

    /** Sends the form and waits for its status line to say {@code expected}. */
    private void answered(String form, String status, String expected) {
        submit(form);
        browser.waitForText("#" + status, expected);
    }

    private String fieldError(String inputId) {
        WebElement input = browser.find("#" + inputId);
        browser.until(d -> "true".equals(input.getAttribute("aria-invalid")));
        String describedBy = input.getAttribute("aria-describedby");
        String errorId = List.of(describedBy.split(" ")).stream().filter(id -> id.startsWith("error-")).findFirst().orElseThrow();
        assertEquals(inputId, browser.js("return document.activeElement.id"), "the refused field has the focus");
        return browser.find("#" + errorId).getText();
    }

    private void type(String inputId, String text) {
        WebElement input = browser.find("#" + inputId);
        input.clear();
        input.sendKeys(text);
    }

    private WebElement row(String program) {
        return browser.waitFor("#program-table tr[data-program='" + program + "']");
    }

    @Test
    void anAdminCreatesAProgramNamesItsLeadAndSetsItsNumbersAndSeesEveryRefusal() throws Exception {
        submitLogin("cora");
        browser.waitFor("#logout");
        browser.find("a[href='" + PAGE + "']").click();
        browser.waitFor("#program-table");
        assertTrue(row("main").getText().contains("default"));
        assertTrue(browser.find("#numbers-none").isDisplayed(), "only the default program: no numbers to set here");

        // A bad id, at its field; the default program's id and a taken one, on the form's status line.
        type("program-id", "River Side");
        submit("create-program-form");
        assertTrue(fieldError("program-id").startsWith("A program id is 1 to 40 lower-case letters"));
        type("program-id", "main");
        answered("create-program-form", "create-status", "That program id is taken");
        assertTrue(browser.find("#create-status").getAttribute("class").contains("error"));

        // A name that is markup stays text, in the table and everywhere else.
        type("program-id", "riverside");
        type("program-name", "<img src=x onerror=\"window.pwned=1\">Riverside");
        answered("create-program-form", "create-status", "Saved.");
        assertEquals("<img src=x onerror=\"window.pwned=1\">Riverside", row("riverside").findElement(By.className("p-name")).getText());
        assertNull(browser.js("return window.pwned"));
        assertTrue(browser.driver.findElements(By.cssSelector("#program-table img")).isEmpty());
        type("program-id", "riverside");
        answered("create-program-form", "create-status", "That program id is taken");

        // Leads: an empty username and an account that does not exist are refused; an existing account becomes lead.
        new Select(browser.find("#lead-program")).selectByValue("riverside");
        submit("lead-form");
        assertEquals("Type the username of an existing account.", fieldError("lead-username"));
        type("lead-username", "nobody");
        answered("lead-form", "lead-status", "There is no such account.");
        type("lead-username", "rita");
        answered("lead-form", "lead-status", "Saved.");
        browser.until(d -> row("riverside").findElement(By.className("p-leads")).getText().equals("rita"));
        assertEquals(Map.of("main", Role.ADVOCATE, "riverside", Role.LEAD),
                await(hub.hub.accounts().account("rita")).orElseThrow().memberships("main"));

        // Numbers: a number of another form at its field; one another program owns on the status line, in words.
        assertFalse(browser.find("#numbers-none").isDisplayed());
        assertEquals("riverside", new Select(browser.find("#numbers-program")).getFirstSelectedOption().getText(),
                "the default program's numbers are the configuration's, so it is not offered");
        type("numbers-sms", "555 0100");
        submit("numbers-form");
        assertTrue(fieldError("numbers-sms").startsWith("A phone number is written in E.164 form"));
        type("numbers-sms", "+15550100201");
        type("numbers-voice", "+15550100202");
        answered("numbers-form", "numbers-status", "Saved.");
        browser.until(d -> row("riverside").findElement(By.className("p-sms")).getText().equals("+15550100201"));
        assertEquals("+15550100202", row("riverside").findElement(By.className("p-voice")).getText());

        type("program-id", "eastside");
        browser.find("#program-name").clear();
        answered("create-program-form", "create-status", "Saved.");
        row("eastside");
        new Select(browser.find("#numbers-program")).selectByValue("eastside");
        assertEquals("", browser.find("#numbers-sms").getAttribute("value"), "the chosen program's numbers are shown");
        type("numbers-sms", "+15550100202");
        answered("numbers-form", "numbers-status", "That number belongs to another program on this hub");
        assertTrue(hub.hub.programs().registry().owning("+15550100202", Program::smsNumber).isEmpty());
        assertTrue(browser.seriousAccessibilityViolations().isEmpty(), () -> String.join("\n", browser.seriousAccessibilityViolations()));
    }

    @Test
    void thePageAndItsRefusalsSpeakSpanish() throws Exception {
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff cora = client.login("cora", TestHub.PASSWORD, null);
        assertEquals(200, client.put("/api/v1/console/me", cora, new JsonObject().put("uiLanguage", "es")).statusCode());
        submitLogin("cora");
        browser.waitFor("#logout");
        browser.open(base + PAGE);
        assertEquals("Programas de este hub", browser.waitFor("#programs-heading").getText());
        type("program-id", "main");
        answered("create-program-form", "create-status", "Ese identificador de programa ya está en uso");
        type("lead-username", "nadie");
        answered("lead-form", "lead-status", "No existe esa cuenta.");
    }
}
