package org.hearthhub.browser;

import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A survivor on a program's website chats with an advocate, through the real hub, in a real browser. */
class ChatBrowserTest extends BrowserTestBase {

    @Test
    void survivorChatsWithAnAdvocateAndSeesTheReply() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        openHostPage("en");
        assertEquals("false", launcher().getAttribute("aria-expanded"));
        assertFalse(panelShown(), "the panel waits for the launcher");
        screenshot("01-host-page-launcher");
        assertAccessible("the launcher in its frame");
        toHostPage();
        assertAccessible("host page with launcher");

        openWidget();
        assertEquals("true", launcher().getAttribute("aria-expanded"));
        intoChat();
        browser.withText(By.id("intro-h"), "Chat with an advocate");
        List<WebElement> notice = browser.driver.findElements(By.cssSelector("#notice p"));
        assertEquals(4, notice.size(), "safety, quick exit, what is kept, limits of confidentiality");
        assertTrue(notice.get(2).getText().contains("Nothing is kept"));
        assertTrue(browser.visible(By.id("exit")).getText().contains("Quick exit"));
        assertEquals("Chat", browser.js("return document.title"), "a neutral title for the chat page");
        checkScreen("02-intro-notice", "intro");

        startChat();
        browser.withText(By.id("chat-h"), "Waiting for an advocate");
        browser.withText(By.id("position"), "You are next in line.");
        assertTrue(browser.visible(By.id("wait")).getText().startsWith("Estimated wait:"));
        List<WebElement> crisis = browser.driver.findElements(By.cssSelector("#waiting .crisis a[href^='tel:']"));
        assertFalse(crisis.isEmpty(), "crisis numbers are visible while waiting");
        WebElement log = browser.driver.findElement(By.id("log"));
        assertEquals("log", log.getAttribute("role"));
        assertEquals("polite", log.getAttribute("aria-live"));
        checkScreen("03-waiting-in-queue", "waiting");

        type("hello, is anyone there?");
        WebElement mine = line("hello, is anyone there?");
        browser.until(d -> mine.findElement(By.cssSelector(".meta")).getText().equals("Sent"));

        String id = acceptNext(advocate);
        browser.withText(By.id("chat-h"), "Chatting with Advocate maria");
        line("Advocate maria joined the chat.");
        assertFalse(browser.driver.findElement(By.id("waiting")).isDisplayed(), "the queue box goes once an advocate joins");

        advocate.send("typing", "conversation", id);
        browser.withText(By.id("typing"), "Advocate maria is typing");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Hi, I'm here. You're safe to talk.");
        WebElement reply = line("Hi, I'm here. You're safe to talk.");
        assertTrue(reply.getAttribute("class").contains("them"));
        assertEquals("Advocate maria", reply.findElement(By.cssSelector(".who")).getText());
        assertEquals("", browser.driver.findElement(By.id("typing")).getText(), "a message clears the typing indicator");

        browser.driver.findElement(By.id("input")).sendKeys("thank");
        advocate.await("typing");
        browser.driver.findElement(By.id("input")).sendKeys(" you\n");
        JsonObject atAdvocate = advocate.awaitMatching("message", m -> "thank you".equals(m.getString("text")));
        assertEquals("survivor", atAdvocate.getString("from"));
        checkScreen("04-chatting", "chatting");

        browser.visible(By.id("end")).click();
        browser.withText(By.id("confirm-q"), "End this chat?");
        assertEquals("end-no", browser.js("return document.activeElement.id"), "focus moves to the safe choice");
        browser.visible(By.id("end-yes")).click();
        assertEquals("survivor", advocate.await("ended").getString("reason"));
        browser.withText(By.id("ended-h"), "Thank you for reaching out");
        browser.withText(By.id("ended-reason"), "You ended the chat.");
        assertTrue(lines().isEmpty(), "the live chat's log is emptied");
        List<String> kept = browser.driver.findElements(By.cssSelector("#kept-log .msg:not(.system) .text")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("hello, is anyone there?", "Hi, I'm here. You're safe to talk.", "thank you"), kept,
                "the conversation stays on screen until the survivor closes it");
        browser.withText(By.id("kept"), "once closed, it is gone");
        assertEquals(0L, browser.js("return sessionStorage.length"), "the resume token is gone");
        assertEquals(0L, browser.js("return localStorage.length"), "and the transcript lives in the page's memory only");
        browser.visible(By.id("feedback"));
        checkScreen("05-ended-feedback", "ended with feedback form");
        browser.screenshot("survivor-ended-transcript");
        browser.visible(By.id("kept-close")).click();
        assertTrue(browser.driver.findElements(By.cssSelector("#kept-log .msg")).isEmpty(), "closed: gone");
        assertFalse(browser.driver.findElement(By.id("kept")).isDisplayed());

        browser.driver.findElement(By.cssSelector("input[name=rating][value='4']")).click();
        browser.driver.findElement(By.cssSelector("input[name=helped][value='yes']")).click();
        browser.driver.findElement(By.cssSelector("#feedback button[type=submit]")).click();
        browser.withText(By.id("feedback-thanks"), "Thank you. Your answers are anonymous.");
        assertFalse(browser.driver.findElement(By.id("feedback")).isDisplayed());
        checkScreen("06-feedback-sent", "feedback sent");

        browser.visible(By.id("again")).click();
        browser.visible(By.id("start"));
        toHostPage();
        assertEquals(0L, browser.js("return sessionStorage.length"), "the host page keeps no trace of an ended chat");
    }

    @Test
    void queuePositionUpdatesLive() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        WsClient ahead = hub.survivor();
        ahead.send("start", "lang", "en");
        ahead.await("started");

        openHostPage("en");
        openWidget();
        startChat();
        browser.withText(By.id("position"), "You are number 2 in line.");
        checkScreen("07-queue-number-2", "waiting, number 2");

        ahead.send("exit");
        browser.withText(By.id("position"), "You are next in line.");

        acceptNext(advocate);
        browser.withText(By.id("chat-h"), "Chatting with Advocate maria");
    }

    @Test
    void transferredChatShowsTheNewAdvocateAndTheirEnding() throws Exception {
        WsClient maria = hub.advocateOnShift("maria");
        WsClient jo = hub.advocateOnShift("jo");
        openHostPage("en");
        openWidget();
        startChat();
        String id = acceptNext(maria);
        browser.withText(By.id("chat-h"), "Chatting with Advocate maria");
        maria.send("transfer", "conversation", id, "to", "jo");
        assertEquals(id, jo.await("conversation").getString("conversation"));
        browser.withText(By.id("chat-h"), "Chatting with Advocate jo");
        line("Advocate jo joined the chat.");
        jo.send("message", "conversation", id, "clientId", "j1", "text", "Hi, I'm Jo; Maria asked me to help.");
        assertEquals("Advocate jo", line("Maria asked me to help").findElement(By.cssSelector(".who")).getText());

        jo.send("end", "conversation", id);
        browser.withText(By.id("ended-reason"), "The advocate ended the chat.");
        browser.visible(By.id("feedback"));
        assertTrue(lines().isEmpty());
    }

    @Test
    void messagesAreShownAsTextNeverAsMarkup() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "en");
        String payload = "<img src=x onerror=\"window.pwned=1\"><b>bold</b><script>window.pwned=2</script>";
        advocate.send("message", "conversation", id, "clientId", "a1", "text", payload);
        type("<i>mine</i><img src=y onerror=\"window.pwned=3\">");
        assertEquals(payload, line("<b>bold</b>").findElement(By.cssSelector(".text")).getText());
        line("<i>mine</i>");
        assertTrue(browser.driver.findElements(By.cssSelector("#log img, #log b, #log i, #log script")).isEmpty());
        assertEquals(null, browser.js("return window.pwned"));
        toHostPage();
        assertEquals(null, browser.js("return window.pwned"));
    }
}
