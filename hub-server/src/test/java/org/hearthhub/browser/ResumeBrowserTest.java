package org.hearthhub.browser;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chat survives a reload in the same tab and a dropped network, losing and duplicating nothing; a
 * new tab is a new, empty chat. The browser reaches the hub through a relay the test can cut.
 */
class ResumeBrowserTest extends BrowserTestBase {

    @Override
    boolean behindFlakyNetwork() {
        return true;
    }

    private String chatWithTwoMessages(WsClient advocate) throws Exception {
        openHostPage("en");
        openWidget();
        startChat();
        type("I need to talk");
        String id = acceptNext(advocate);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "I'm listening.");
        line("I'm listening.");
        return id;
    }

    @Test
    void reloadMidChatResumesInTheSameTab() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);

        toHostPage();
        browser.driver.navigate().refresh();
        // The chat reopens its panel by itself and redraws the conversation from the hub.
        intoChat();
        line("I'm listening.");
        line("I need to talk");
        browser.withText(By.id("chat-h"), "Chatting with Advocate maria");
        assertEquals(List.of("I need to talk", "I'm listening."), lines(), "each message once, in order");
        checkScreen("30-resumed-after-reload", "resumed chat");

        type("still here");
        advocate.awaitMatching("message", m -> "still here".equals(m.getString("text")));
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "Good.");
        line("Good.");
        assertEquals(List.of("I need to talk", "I'm listening.", "still here", "Good."), lines());
        advocate.expectNone("ended", 100);
    }

    @Test
    void newTabStartsFresh() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);
        String firstTab = browser.driver.getWindowHandle();

        openNewTab();
        browser.driver.get(host.url("/?lang=en"));
        assertEquals("false", launcher().getAttribute("aria-expanded"), "the panel does not reopen in another tab");
        assertFalse(panelShown());
        openWidget();
        browser.visible(By.id("start"));
        assertTrue(lines().isEmpty(), "nothing of the other tab's chat shows here");
        checkScreen("31-new-tab-fresh", "new tab intro");

        // The first tab's chat goes on untouched.
        browser.driver.switchTo().window(firstTab);
        intoChat();
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "Are you still there?");
        line("Are you still there?");
        advocate.expectNone("ended", 100);
    }

    @Test
    void droppedNetworkReconnectsAndLosesNothingTyped() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);

        // Wi-Fi gone: the open socket dies and nothing new gets through.
        browser.offline(true);
        network.cut();
        browser.withText(By.id("conn"), "Connection lost. Reconnecting…");
        type("are you there?");
        type("hello??");
        WebElement queued = line("hello??");
        assertEquals("Will send when connected", queued.findElement(By.cssSelector(".meta")).getText());
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "Take your time.");
        advocate.await("ack");
        checkScreen("32-offline-reconnecting", "reconnecting");

        network.restore();
        browser.offline(false);
        browser.until(d -> !d.findElement(By.id("conn")).isDisplayed());
        line("Take your time.");
        browser.until(d -> d.findElements(By.cssSelector("#log .msg.me .meta")).stream().allMatch(m -> m.getText().equals("Sent")));
        checkScreen("33-reconnected", "reconnected");

        List<String> atAdvocate = new ArrayList<>();
        while (atAdvocate.size() < 2) {
            JsonObject m = advocate.await("message");
            if ("survivor".equals(m.getString("from"))) atAdvocate.add(m.getString("text"));
        }
        assertEquals(List.of("are you there?", "hello??"), atAdvocate);
        advocate.expectNone("message", 500);
        List<String> stored = TestHub.await(hub.hub.liveStore().messagesAfter(id, 0)).stream().map(ChatMessage::text).toList();
        assertEquals(List.of("I need to talk", "I'm listening.", "Take your time.", "are you there?", "hello??"), stored,
                "each message stored exactly once");
        // Shown exactly once each; lines typed offline stay where the survivor typed them.
        assertEquals(stored.stream().sorted().toList(), lines().stream().sorted().toList(), "each message shown exactly once");
    }

    /**
     * A message refused as too fast goes again by itself every 3 s until it is taken, also after the widget has once
     * reconnected. The resend's timer used to share its variable with the reconnect's, which a reconnect left set:
     * after one dropped network, a refused message was never sent again, and stayed "Sending…" for good.
     */
    @Test
    void aMessageRefusedAsTooFastAfterAReconnectIsSentAgainByItself() throws Exception {
        restartHub(java.util.Map.of("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "1"));
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "en");
        type("I need to talk");
        advocate.awaitMatching("message", m -> "I need to talk".equals(m.getString("text")));

        network.cut();
        browser.withText(By.id("conn"), "Reconnecting");
        network.restore();
        browser.until(java.time.Duration.ofSeconds(10), d -> !d.findElement(By.id("conn")).isDisplayed());

        type("are you there?");
        browser.until(d -> !d.findElement(By.id("chat-error")).getText().isEmpty());
        advocate.expectNone("message", 0);
        hub.clock.advance(java.time.Duration.ofMinutes(1)); // the chat's minute is over: the next try is taken
        advocate.awaitMatching("message", m -> "are you there?".equals(m.getString("text")));
        browser.until(d -> line("are you there?").findElement(By.cssSelector(".meta")).getText().equals("Sent"));
        assertEquals(List.of("I need to talk", "are you there?"),
                TestHub.await(hub.hub.liveStore().messagesAfter(id, 0)).stream().map(ChatMessage::text).toList(), "each once");
    }

    @Test
    void messageWhoseAckWasLostIsShownAndDeliveredOnce() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);
        network.loseReplies();
        type("did you get this?");
        advocate.awaitMatching("message", m -> "did you get this?".equals(m.getString("text")));
        assertEquals("Sending…", line("did you get this?").findElement(By.cssSelector(".meta")).getText(), "no ack came back");
        network.cut();
        browser.withText(By.id("conn"), "Reconnecting");
        network.restore();
        browser.until(java.time.Duration.ofSeconds(10), d -> !d.findElement(By.id("conn")).isDisplayed());
        // The hub replays it (it is after lastSeq) and acks the resend with the same seq: one line, marked sent.
        browser.until(d -> line("did you get this?").findElement(By.cssSelector(".meta")).getText().equals("Sent"));
        assertEquals(List.of("I need to talk", "I'm listening.", "did you get this?"), lines());
        advocate.expectNone("message", 300);
        assertEquals(3, TestHub.await(hub.hub.liveStore().messagesAfter(id, 0)).size());
    }

    @Test
    void twoPendingMessagesWithTheSameWordsEachSettleAsTheirOwn() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);
        network.loseReplies();
        type("ok");
        type("ok");
        advocate.awaitMatching("message", m -> m.getLong("seq") == 4);
        List<WebElement> mine = browser.driver.findElements(By.cssSelector("#log .msg.me"));
        assertEquals(List.of("Sending…", "Sending…"), mine.subList(1, 3).stream()
                .map(e -> e.findElement(By.cssSelector(".meta")).getText()).toList(), "no ack came back for either");
        network.cut();
        browser.withText(By.id("conn"), "Reconnecting");
        network.restore();
        browser.until(java.time.Duration.ofSeconds(10), d -> !d.findElement(By.id("conn")).isDisplayed());
        // The hub replays both with their clientIds: each line settles as its own message, none twice.
        browser.until(d -> d.findElements(By.cssSelector("#log .msg.me .meta")).stream().allMatch(e -> e.getText().equals("Sent")));
        List<String> seqs = browser.driver.findElements(By.cssSelector("#log .msg.me")).stream()
                .map(e -> e.getAttribute("data-seq")).toList();
        assertEquals(List.of("3", "4"), seqs.subList(1, 3), "the first line is the first message, the second the second");
        assertEquals(List.of("I need to talk", "I'm listening.", "ok", "ok"), lines());
        advocate.expectNone("message", 300);
        assertEquals(4, TestHub.await(hub.hub.liveStore().messagesAfter(id, 0)).size());
    }

    private List<ChatMessage> stored(String id) throws Exception {
        return TestHub.await(hub.hub.liveStore().messagesAfter(id, 0));
    }

    /**
     * The same words typed twice reach the hub out of typing order: the first was refused (rate limit)
     * and retried after the second went out. Settling a replayed message by its text would give the
     * first line the second's place; the clientId the hub echoes settles each as itself. (With in-order
     * delivery, as in the test above, text and clientId agree, so that test alone cannot tell them apart.)
     */
    @Test
    void aRetriedMessageOvertakenByItsTwinSettlesAsItself() throws Exception {
        restartHub(java.util.Map.of("HEARTH_LIMITS_SURVIVOR_MESSAGES_PER_MINUTE", "5"));
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);
        for (String text : List.of("two", "three", "four", "five")) type(text);
        advocate.awaitMatching("message", m -> "five".equals(m.getString("text")));
        type("ok"); // the sixth this minute: refused, and retried by the widget three seconds later
        browser.withText(By.id("chat-error"), "You're sending messages quickly");
        hub.clock.advance(java.time.Duration.ofSeconds(61)); // the hub's minute is over
        network.loseReplies();
        type("ok"); // goes out at once, ahead of the first one's retry
        browser.until(d -> {
            try {
                return stored(id).size() >= 7;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(7, stored(id).size(), "the second 'ok' is stored before the first one's retry");
        browser.until(java.time.Duration.ofSeconds(10), d -> {
            try {
                return stored(id).size() == 8;
            } catch (Exception e) {
                return false;
            }
        });
        List<ChatMessage> all = stored(id);
        String second = String.valueOf(all.get(6).seq()), first = String.valueOf(all.get(7).seq());

        network.cut();
        browser.withText(By.id("conn"), "Reconnecting");
        network.restore();
        browser.until(java.time.Duration.ofSeconds(10), d -> !d.findElement(By.id("conn")).isDisplayed());
        browser.until(d -> d.findElements(By.cssSelector("#log .msg.me .meta")).stream().allMatch(e -> e.getText().equals("Sent")));
        List<String> seqs = browser.driver.findElements(By.cssSelector("#log .msg.me")).stream()
                .map(e -> e.getAttribute("data-seq")).toList();
        assertEquals(List.of(first, second), seqs.subList(5, 7), "the 'ok' typed first is the one the hub stored last");
        assertEquals(List.of("I need to talk", "I'm listening.", "two", "three", "four", "five", "ok", "ok"), lines());
        assertEquals(8, stored(id).size(), "each once");
    }

    @Test
    void reloadWhileWaitingShowsPlaceAndWait() throws Exception {
        hub.advocateOnShift("maria");
        openHostPage("en");
        openWidget();
        startChat();
        String wait = browser.visible(By.id("wait")).getText();
        assertTrue(wait.matches("Estimated wait: about \\d+ minutes?\\."), wait);
        toHostPage();
        browser.driver.navigate().refresh();
        intoChat();
        browser.withText(By.id("position"), "You are next in line.");
        browser.withText(By.id("wait"), wait);
    }

    @Test
    void chatEndedWhileOfflineSaysSoOnReturn() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);
        browser.offline(true);
        network.cut();
        browser.withText(By.id("conn"), "Reconnecting");
        advocate.send("end", "conversation", id);
        advocate.await("ended");
        network.restore();
        browser.offline(false);
        browser.withText(By.id("intro-error"), "Your previous chat has ended.");
        assertTrue(lines().isEmpty());
        assertEquals(0L, browser.js("return sessionStorage.length"));
        checkScreen("34-ended-while-offline", "intro after a chat ended offline");
    }

    @Test
    void linkCutWithoutOfflineEventStillReconnects() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);
        network.cut();
        browser.withText(By.id("conn"), "Reconnecting");
        type("anyone?");
        network.restore();
        // No 'online' event this time: the backoff timer finds the hub again.
        browser.until(java.time.Duration.ofSeconds(10), d -> !d.findElement(By.id("conn")).isDisplayed());
        advocate.awaitMatching("message", m -> "anyone?".equals(m.getString("text")));
        advocate.expectNone("message", 300);
        advocate.send("message", "conversation", id, "clientId", "a2", "text", "Yes, here.");
        line("Yes, here.");
        assertEquals(List.of("I need to talk", "I'm listening.", "anyone?", "Yes, here."), lines());
    }

    /**
     * The chat's token resumed on three newer connections (another tab, or someone else holding it): the hub closes
     * the widget's socket with 4409, and the widget says so instead of reconnecting, which would take the chat back
     * and forth. A click in the chat takes it back, with what it missed meanwhile.
     */
    @Test
    void aChatResumedElsewhereWaitsForAClickToComeBack() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWithTwoMessages(advocate);
        String token = (String) browser.js("return sessionStorage.getItem('hearth.token')");
        List<WsClient> newer = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsClient tab = hub.survivorFrom("127.0.0.2" + i);
            tab.send("resume", "token", token, "lastSeq", 2);
            tab.await("resumed");
            newer.add(tab);
        }
        browser.withText(By.id("conn"), "This chat went on in another tab. Click here to continue it here.");
        checkScreen("35-continued-elsewhere", "chat continued in another tab");

        advocate.send("message", "conversation", id, "clientId", "a2", "text", "Only the newer tabs hear this.");
        for (WsClient tab : newer) tab.await("message");
        Thread.sleep(1_500); // longer than the widget's first reconnect would wait
        assertTrue(newer.stream().noneMatch(WsClient::isClosed), "the widget did not take the chat back by itself");
        assertFalse(lines().contains("Only the newer tabs hear this."));

        browser.visible(By.id("conn")).click();
        assertEquals((short) 4409, newer.get(0).awaitClose(5_000), "taken back, the oldest newer socket gives way");
        line("Only the newer tabs hear this.");
        browser.until(d -> !d.findElement(By.id("conn")).isDisplayed());
        type("I'm back");
        advocate.awaitMatching("message", m -> "I'm back".equals(m.getString("text")));
        assertEquals(List.of("I need to talk", "I'm listening.", "Only the newer tabs hear this.", "I'm back"), lines());
    }
}
