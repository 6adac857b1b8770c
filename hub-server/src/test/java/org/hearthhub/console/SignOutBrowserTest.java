package org.hearthhub.console;

import org.hearthhub.chat.ConversationService;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign out, pressed while on shift, asks first, because the hub ends the shift with the session (as End shift would);
 * with chats still open it says they stay the advocate's and the survivors wait, and Cancel goes back to them.
 */
class SignOutBrowserTest extends ConsoleBrowserTestBase {
    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
    }

    private ConversationService conversations() {
        return hub.hub.programs().defaultProgram().conversations();
    }

    private void signInOnShift(String username) {
        submitLogin(username);
        browser.waitForText("#connection", "Connected");
        browser.waitFor("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");
    }

    /** Presses Sign out and returns the question's title. */
    private String pressSignOut() {
        browser.find("#logout").click();
        browser.until(d -> (Boolean) browser.js("var c = document.getElementById('confirm'); return !!c && c.open"));
        return browser.find("#confirm-title").getText();
    }

    private void answer(String button) {
        browser.find(button).click();
        browser.until(d -> !(Boolean) browser.js("return document.getElementById('confirm').open"));
    }

    @Test
    void signingOutOnShiftAsksFirstThenEndsTheShift() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signInOnShift("maria");

        assertEquals("End your shift and sign out?", pressSignOut());
        assertEquals("cancel", browser.find("#confirm-cancel").getAttribute("value"));
        assertTrue((Boolean) browser.js("return document.activeElement.id === 'confirm-cancel'"), "staying is the default");
        answer("#confirm-cancel");
        assertTrue(browser.driver.getCurrentUrl().endsWith("/console"), "Cancel stays signed in");
        browser.waitForText("#shift-status", "On shift");
        assertNotNull(TestHub.await(conversations().shiftOf("maria")));

        pressSignOut();
        assertEquals("End shift and sign out", browser.find("#confirm-ok").getText());
        browser.find("#confirm-ok").click();
        browser.until(d -> d.getCurrentUrl().contains("/console/login"));
        assertNull(TestHub.await(conversations().shiftOf("maria")), "the hub ended the shift with the session");
    }

    @Test
    void signingOutWithAChatOpenSaysItStaysTheirsAndCancelGoesBackToIt() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        signInOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");

        assertEquals("You still have open chats", pressSignOut());
        assertTrue(browser.find("#confirm-text").getText().startsWith("Transfer or end them first."));
        answer("#confirm-cancel");
        browser.waitFor(".chat:not([hidden]) [data-action='transfer']");

        pressSignOut();
        assertEquals("Sign out anyway", browser.find("#confirm-ok").getText());
        browser.find("#confirm-ok").click();
        browser.until(d -> d.getCurrentUrl().contains("/console/login"));
        assertNotNull(TestHub.await(conversations().shiftOf("maria")), "as End shift, refused while a chat is held");
        assertEquals("maria", TestHub.await(conversations().conversation(id)).advocate(), "the survivor is not dropped");
        survivor.close();
    }

    @Test
    void theQuestionIsInSpanishForASpanishConsole() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("es"), 2);
        Account maria = TestHub.await(hub.hub.accounts().account("maria")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(maria.withUiLanguage("es")));
        submitLogin("maria");
        browser.waitFor("#shift-toggle").click();
        browser.until(d -> d.findElement(org.openqa.selenium.By.id("shift-status")).getAttribute("class").contains(" on"));
        assertEquals("¿Terminar su turno y cerrar sesión?", pressSignOut());
        assertEquals("Terminar turno y cerrar sesión", browser.find("#confirm-ok").getText());
        answer("#confirm-cancel");
    }

    @Test
    void offShiftSignOutAsksNothing() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        submitLogin("maria");
        browser.waitForText("#connection", "Connected");
        browser.find("#logout").click();
        browser.until(d -> d.getCurrentUrl().contains("/console/login")); // no question in between
    }
}
