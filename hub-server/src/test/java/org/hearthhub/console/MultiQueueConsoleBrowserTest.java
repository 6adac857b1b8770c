package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An advocate in two programs takes both queues in one console (headless Chromium): the queue shows both
 * programs' chats, each labelled with its program; she accepts one of each and, at capacity 2, is refused a third.
 */
class MultiQueueConsoleBrowserTest extends ConsoleBrowserTestBase {

    @BeforeEach
    void twoPrograms() throws Exception {
        startHubSignedOut(Map.of("HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "1000"));
        TestHub.await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside Shelter"));
        hub.addAccountIn("lupe", Role.ADVOCATE, Map.of("main", Role.ADVOCATE, "riverside", Role.ADVOCATE));
    }

    private WsClient waiting(String program, String lang) throws Exception {
        WsClient s = WsClient.connect(hub.vertx, hub.port(), "/ws/survivor?program=" + program, null, null);
        s.send("start", "lang", lang);
        s.await("started");
        return s;
    }

    private List<WebElement> queueItems() {
        return browser.webDriver().findElements(By.cssSelector("#queue .queue-item"));
    }

    private WebElement itemOf(String programName) {
        return queueItems().stream().filter(i -> i.getText().contains(programName)).findFirst().orElseThrow();
    }

    @Test
    void anAdvocateInTwoProgramsTakesBothQueuesInOneConsoleWithinOneCapacity() throws Exception {
        submitLogin("lupe");
        browser.waitForText("#connection", "Connected");
        // Both queues are offered, and taken unless she leaves one out.
        List<WebElement> queues = browser.webDriver().findElements(By.cssSelector("#queues input[name='queue']"));
        assertEquals(2, queues.size());
        assertTrue(queues.stream().allMatch(WebElement::isSelected), "every queue is taken by default");
        assertTrue(browser.find("#queues").getText().contains("Riverside Shelter"));
        browser.find("#capacity").clear();
        browser.find("#capacity").sendKeys("2");
        browser.find("#shift-toggle").click();
        browser.waitForText("#shift-status", "On shift · up to 2 chats");
        assertTrue(browser.find("#shift-status").getText().contains("Riverside Shelter"), browser.find("#shift-status").getText());

        WsClient ours = waiting("main", "en");
        WsClient theirs = waiting("riverside", "es");
        WsClient third = waiting("riverside", "en");
        browser.until(d -> queueItems().size() == 3);
        browser.waitForText("#queue-count", "3");
        assertTrue(itemOf("Riverside Shelter").getText().contains("ES"), "each item names its program");
        assertEquals(1, queueItems().stream().filter(i -> i.getText().contains("main")).count(), "and main's is main's");
        assertEquals(List.of(), browser.seriousAccessibilityViolations(), "the queue choice and labels read well");

        itemOf("main").findElement(By.cssSelector(".accept")).click();
        ours.await("assigned");
        browser.waitForText(".chat:not([hidden]) .chat-meta", "main");
        queueItems().stream().filter(i -> i.getText().contains("ES")).findFirst().orElseThrow()
                .findElement(By.cssSelector(".accept")).click();
        theirs.await("assigned");
        browser.waitForText(".chat:not([hidden]) .chat-meta", "Riverside Shelter");
        assertEquals(2, browser.webDriver().findElements(By.cssSelector("#chat-tabs .tab")).size());
        assertTrue(browser.webDriver().findElements(By.cssSelector("#chat-tabs .tab")).get(1).getText().contains("Riverside Shelter"));

        // A message goes out on the chat's own program's socket and reaches its survivor.
        WebElement box = browser.find(".chat:not([hidden]) textarea");
        box.sendKeys("Hola, estoy aquí.");
        browser.find(".chat:not([hidden]) button[type='submit']").click();
        JsonObject said = theirs.awaitMatching("message", m -> "advocate".equals(m.getString("from")));
        assertEquals("Hola, estoy aquí.", said.getString("text"));
        ours.expectNone("message", 200);

        // At capacity 2 across both programs: the console says so, and the hub refuses the third.
        browser.waitForText("#queue-full", "You hold 2 chats");
        browser.screenshot("advocate-14-two-queues"); // docs/advocate-guide.md
        itemOf("Riverside Shelter").findElement(By.cssSelector(".accept")).click();
        browser.waitForText("#toast", "counting those in your other programs");
        third.expectNone("assigned", 300);
        assertEquals(2, browser.webDriver().findElements(By.cssSelector("#chat-tabs .tab")).size());

        // Off shift ends both programs' shifts, once no chat is open.
        browser.find("#shift-toggle").click();
        browser.waitForText("#toast", "Transfer or end your open chats");
        assertTrue(browser.find("#shift-status").getText().contains("On shift"));
    }

    @Test
    void takenOutOfOneProgramTheConsoleKeepsTheOther() throws Exception {
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff lena = client.account("lena", Role.LEAD); // leads main
        submitLogin("lupe");
        browser.waitForText("#connection", "Connected");
        browser.find("#shift-toggle").click();
        browser.waitForText("#shift-status", "main, Riverside Shelter");
        waiting("main", "en");
        browser.until(d -> queueItems().size() == 1);

        JsonObject removed = client.post("/api/v1/lead/staff/lupe/remove?program=main", lena, new JsonObject()).bodyAsJsonObject();
        assertEquals("removed", removed.getString("outcome"), removed.encode());
        // main's line goes (its queue and its choice); riverside's stays connected and on shift.
        browser.until(d -> browser.webDriver().findElements(By.cssSelector("#queues input[name='queue']")).size() == 1);
        browser.waitForText("#shift-status", "On shift · up to 2 chats · Riverside Shelter");
        browser.until(d -> queueItems().isEmpty());
        browser.waitForText("#connection", "Connected");
        WsClient theirs = waiting("riverside", "en");
        browser.until(d -> queueItems().size() == 1);
        itemOf("Riverside Shelter").findElement(By.cssSelector(".accept")).click();
        theirs.await("assigned");
    }

    @Test
    void aQueueLeftOutIsRememberedAndItsChatsAreNotShown() throws Exception {
        submitLogin("lupe");
        browser.waitForText("#connection", "Connected");
        browser.waitFor("#queues input[value='main']").click();
        browser.find("#shift-toggle").click();
        browser.waitForText("#shift-status", "Riverside Shelter");
        assertFalse(browser.find("#shift-status").getText().contains("main"));
        waiting("main", "en");
        WsClient theirs = waiting("riverside", "en");
        browser.until(d -> queueItems().size() == 1);
        assertTrue(queueItems().get(0).getText().contains("Riverside Shelter"));
        assertEquals("[\"main\"]", browser.js("return localStorage.getItem('hearth.queues.off')"));
        theirs.close();

        // The choice holds on the next visit (only program ids were kept), and so does the shift, which is the hub's.
        browser.open(base + "/console");
        browser.waitForText("#connection", "Connected");
        browser.waitForText("#shift-status", "On shift");
        assertFalse(browser.find("#queues input[value='main']").isSelected());
        assertTrue(browser.find("#queues input[value='riverside']").isSelected());
        browser.find("#shift-toggle").click();
        browser.waitForText("#shift-status", "Off shift");
        assertTrue(TestHub.await(hub.hub.programs().defaultProgram().conversations().shiftOf("lupe")) == null);
        assertTrue(TestHub.await(hub.hub.programs().find(ProgramId.of("riverside")).orElseThrow().conversations().shiftOf("lupe")) == null);
    }
}
