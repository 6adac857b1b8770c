package org.hearthhub.browser;

import org.hearthhub.settings.ProgramSettings.WidgetLook;
import org.hearthhub.testing.HostSite;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the program's sites listed, a real browser shows the chat on them (through the loader), on the hub's own
 * demo page and opened on its own, and refuses to render it in a frame on any other site.
 */
class ChatEmbeddingBrowserTest extends BrowserTestBase {

    private void allowOnly(List<String> sites) throws Exception {
        updateSettings(s -> {
            WidgetLook w = s.widget();
            return s.withWidget(new WidgetLook(w.title(), w.notice(), w.primaryColor(), w.position(), w.quickExitUrl(), sites));
        });
    }

    /** The origin of a {@link HostSite}: its URL without the path. */
    private static String origin(HostSite site) {
        return site.url("");
    }

    /** The address of the document in the loader's frame: the chat's, or Chromium's error page when it blocked the frame. */
    private String frameDocument() {
        toHostPage();
        // Not intoChat(): a blocked frame is never sized by the chat, so it stays 0×0 and is never "visible".
        browser.driver.switchTo().frame(browser.driver.findElement(By.id("hearth-chat")));
        String url = String.valueOf(browser.js("return location.href"));
        toHostPage();
        return url;
    }

    @Test
    void theChatShowsOnAListedSiteOnTheHubsOwnPagesAndOpenedOnItsOwn() throws Exception {
        allowOnly(List.of("https://www.riverside-shelter.org", origin(host)));
        openHostPage("en");
        openWidget();
        browser.visible(By.id("start"));
        assertTrue(frameDocument().startsWith(hub.publicUrl() + "/w/?"), frameDocument());

        browser.driver.get(hub.publicUrl() + "/demo");
        launcher();
        toHostPage();

        browser.driver.get(hub.publicUrl() + "/w/?lang=en");
        startChat(); // on its own the chat shows its panel at once
    }

    @Test
    void aSiteNotListedCannotShowTheChat() throws Exception {
        try (HostSite other = HostSite.start(vertx)) {
            other.embed(hub.publicUrl());
            // The control: with no list, the other site shows the chat as before.
            browser.driver.get(other.url("/?lang=en"));
            launcher();
            toHostPage();

            allowOnly(List.of(origin(host)));
            browser.driver.get(other.url("/?lang=en"));
            browser.until(d -> frameDocument().startsWith("chrome-error:"));
            browser.driver.switchTo().frame(browser.driver.findElement(By.id("hearth-chat")));
            assertEquals(0, browser.driver.findElements(By.id("launcher")).size(), "nothing of the chat is drawn in the frame");
            toHostPage();

            openHostPage("en"); // the listed site still shows it, in the same browser
        }
    }
}
