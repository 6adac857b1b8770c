package org.hearthhub.console;

import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console's texts fill their {0}, {1}… once each, from the template: a value that itself holds a placeholder
 * (a display name such as "Ana {1}") is shown as written, never filled with the next value.
 */
class ConsolePlaceholdersBrowserTest extends ConsoleBrowserTestBase {
    private static final String NAME = "Ana {1} {0} {2}";

    @BeforeEach
    void startHub() throws Exception {
        startHubSignedOut(Map.of());
    }

    /** A colleague whose name holds placeholders is listed under that name in the transfer dialog, with her own counts. */
    @Test
    void aDisplayNameHoldingPlaceholdersIsShownAsWrittenInTheTransferList() throws Exception {
        hub.addAccount("ana", Role.ADVOCATE, List.of("en"), 2);
        Account ana = TestHub.await(hub.hub.accounts().account("ana")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(ana.withDisplayName(NAME)));
        WsClient anasConsole = hub.advocateOnShift("ana", List.of("en"), 2);
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        submitLogin("maria");
        browser.waitForText("#connection", "Connected");
        browser.waitFor("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        survivor.await("started");
        browser.waitFor("#queue .queue-item .accept").click();
        survivor.await("assigned");

        browser.waitFor(".chat:not([hidden]) [data-action='transfer']").click();
        assertEquals(NAME + " · 0 of 2 chats", browser.waitFor("#transfer-list button[data-username='ana']").getText());
        survivor.close();
        anasConsole.close();
    }

    /** The same, asked of the page's t() itself: each value once, as given, whatever it holds; a missing one left as written. */
    @Test
    void tFillsEachPlaceholderOnceWithTheValueAsGiven() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        submitLogin("maria");
        browser.waitForText("#connection", "Connected");
        assertEquals("{1}{0} · $& of {2} chats", browser.js("return Hearth.t('transfer_button', '{1}{0}', '$&', '{2}')"));
        assertEquals("{0} · 1 of {2} chats", browser.js("return Hearth.t('transfer_button', '{0}', 1)"));
    }
}
