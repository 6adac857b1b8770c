package org.hearthhub.browser;

import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.Partner;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.LocalTime;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The survivor's consent screen for a warm referral (docs/widget.md): in their language, a closed partner told
 * before the question, the agency's name and the advocate's reason shown as text, nothing shared by default, Go
 * moves the chat to the partner (and a reload resumes it there), Stay keeps it, and quick exit still leaves.
 */
class WarmReferralBrowserTest extends BrowserTestBase {
    private static final String AGENCY = "Riverside <img src=x onerror=alert(1)> Shelter";

    private HostedProgram riverside(boolean closed) throws Exception {
        HostedProgram riverside = TestHub.await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside"));
        if (closed) {
            List<ProgramSettings.WeeklySlot> mornings = IntStream.rangeClosed(1, 7)
                    .mapToObj(d -> new ProgramSettings.WeeklySlot(d, LocalTime.of(9, 0), LocalTime.of(10, 0))).toList();
            TestHub.await(riverside.settings().save(riverside.settings().get().withHours("UTC", mornings, List.of(), false)));
        }
        Partner partner = new Partner("p-river", AGENCY, List.of("shelter"), List.of("English"), null, null, null, null, "riverside", null);
        HostedProgram main = hub.hub.programs().defaultProgram();
        TestHub.await(main.settings().save(main.settings().get().withPartners(List.of(partner))));
        return riverside;
    }

    private void propose(WsClient advocate, String id, String reason) {
        advocate.send("referral.propose", "conversation", id, "partner", "p-river", "reason", reason);
        advocate.awaitMatching("referral", f -> "offered".equals(f.getString("state")));
    }

    /** The moved chat waits at the partner's with its survivor connected (the widget resumed it there). */
    private static boolean survivorConnectedAt(HostedProgram program) {
        var queue = program.live().queue().toCompletionStage().toCompletableFuture().join();
        return !queue.isEmpty() && queue.stream().noneMatch(q -> q.isAway());
    }

    private boolean shown(String id) {
        return browser.driver.findElement(By.id(id)).isDisplayed();
    }

    @Test
    void aClosedPartnerIsToldBeforeTheQuestionAndGoMovesTheChatThereForGood() throws Exception {
        HostedProgram riverside = riverside(true);
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "en");
        intoChat();
        type("I need a bed tonight");
        advocate.awaitMatching("message", m -> "I need a bed tonight".equals(m.getString("text")));
        propose(advocate, id, "They have beds & legal help near you.");

        intoChat();
        WebElement notice = browser.visible(By.id("referral-notice"));
        assertTrue(notice.getText().contains(AGENCY + " is closed now.") && notice.getText().contains("tomorrow"), notice.getText());
        assertFalse(shown("referral-ask"), "told first, asked after");
        checkScreen("survivor-referral-closed-notice", "referral: closed partner notice");
        browser.visible(By.id("referral-next")).click();
        browser.visible(By.id("referral-ask"));
        assertEquals("Your advocate suggests you continue with " + AGENCY + ", because:", browser.visible(By.id("referral-agency")).getText());
        assertEquals("They have beds & legal help near you.", browser.visible(By.id("referral-reason")).getText());
        assertTrue((Boolean) browser.js("return document.querySelector('#s-referral input[value=none]').checked"), "nothing shared by default");
        assertTrue(browser.driver.findElements(By.cssSelector("#s-referral img")).isEmpty(), "the agency's name is text");
        assertFalse(browser.alertOpen());
        checkScreen("survivor-referral-question", "referral: the question");

        browser.driver.findElement(By.cssSelector("#s-referral input[value=transcript]")).click();
        browser.visible(By.id("referral-go")).click();
        line("You are now in the line of " + AGENCY);
        assertEquals("referred", advocate.awaitMatching("ended", e -> id.equals(e.getString("conversation"))).getString("reason"));
        assertNull(TestHub.await(hub.hub.liveStore().conversation(id)));
        assertEquals("riverside", browser.js("return sessionStorage.getItem('hearth.program')"));
        browser.until(d -> survivorConnectedAt(riverside));
        line("I need a bed tonight");

        // A reload resumes in the partner's queue, with what travelled.
        toHostPage();
        browser.driver.navigate().refresh();
        intoChat();
        line("I need a bed tonight");
        browser.visible(By.id("position"));
        browser.until(d -> survivorConnectedAt(riverside));
        assertEquals(1, TestHub.await(riverside.live().queue()).size());
    }

    @Test
    void theConsentScreenSpeaksSpanishStayKeepsTheChatAndQuickExitStillLeaves() throws Exception {
        riverside(false);
        hub.addAccountIn("rosa", org.hearthhub.model.Role.ADVOCATE, java.util.Map.of("riverside", org.hearthhub.model.Role.ADVOCATE));
        WsClient rosa = WsClient.connect(vertx, hub.port(), "/ws/advocate?program=riverside", hub.publicUrl(), hub.login("rosa"));
        rosa.await("shift");
        rosa.send("shift.start", "capacity", 2);
        rosa.awaitMatching("shift", f -> f.getBoolean("onShift"));
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "es");
        propose(advocate, id, "Tienen abogadas que hablan español.");

        intoChat();
        browser.withText(By.id("referral-h"), "Otra agencia podría ayudarte");
        assertFalse(shown("referral-notice"), "open and staffed: no notice");
        assertEquals("Ir a " + AGENCY, browser.visible(By.id("referral-go")).getText());
        assertEquals("Quedarme en este chat", browser.visible(By.id("referral-stay")).getText());
        browser.withText(By.cssSelector("#s-referral legend"), "¿Qué va contigo?");
        checkScreen("survivor-referral-question-es", "referral: the question in Spanish");
        browser.visible(By.id("referral-stay")).click();
        assertEquals("declined", advocate.awaitMatching("referral", f -> !"offered".equals(f.getString("state"))).getString("state"));
        type("me quedo aquí");
        assertEquals("me quedo aquí", advocate.awaitMatching("message", m -> "survivor".equals(m.getString("from"))
                && "me quedo aquí".equals(m.getString("text"))).getString("text"));

        propose(advocate, id, "Por si cambia de idea.");
        intoChat();
        browser.visible(By.id("referral-go"));
        browser.visible(By.id("exit")).click();
        assertEquals("quick_exit", advocate.awaitMatching("ended", e -> id.equals(e.getString("conversation"))).getString("reason"));
        browser.until(d -> topUrl().equals(host.exitUrl()));
        assertEquals(0, TestHub.await(hub.hub.programs().find(ProgramId.of("riverside")).orElseThrow().live().counts()).queued(),
                "nothing moved");
        rosa.close();
    }
}
