package org.hearthhub.browser;

import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A minimized chat shows that something new arrived, with a count only: nothing a passer-by could read. */
class UnreadCueBrowserTest extends BrowserTestBase {

    @Test
    void minimizedLauncherCountsNewMessagesWithoutTheirText() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "en");
        line("Advocate maria joined the chat.");
        browser.visible(By.id("min")).click();
        browser.until(d -> !panelShown());
        assertEquals("Chat", launcher().getText());

        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Are you safe right now?");
        browser.until(d -> launcher().getText().equals("Chat (1)"));
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "Take your time.");
        browser.until(d -> launcher().getText().equals("Chat (2)"));
        assertEquals("Chat (2)", browser.driver.findElement(By.tagName("body")).getText(),
                "the minimized chat shows the launcher and nothing else");
        toHostPage();
        assertFalse(browser.driver.findElement(By.tagName("body")).getText().contains("safe right now"),
                "the host page shows no word of the message");
        screenshot("survivor-unread-launcher");

        launcher().click();
        browser.until(d -> launcher().getText().equals("Chat"));
        intoChat();
        line("Take your time.");
    }
}
