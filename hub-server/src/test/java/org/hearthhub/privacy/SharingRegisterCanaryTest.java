package org.hearthhub.privacy;

import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.settings.Partner;
import org.hearthhub.testing.DataFiles;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/privacy.md: the sharing register records that a partner was referred, never what was said, who the
 * survivor is or which conversation it was. A chat full of canaries sends a partner's card and ends; then
 * no file under the data directory holds a canary, the resume token or the conversation id, while the
 * register file holds the referral.
 */
class SharingRegisterCanaryTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded();
    TestHub hub;

    @Test
    void theRegisterHoldsTheReferralAndNothingOfTheChat() throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        Partner partner = new Partner("p-legal", "Legal Aid North", List.of("legal aid"), List.of("English"), "555-0100", null,
                null, "https://legalaid.example", null, null);
        TestHub.await(hub.hub.settings().save(hub.hub.settings().get().withPartners(List.of(partner))));

        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        String token = started.getString("token");
        survivor.send("message", "clientId", "s1", "text", "My name is " + canary + " and my number is 555-0199");
        survivor.await("ack");
        advocate.send("accept", "conversation", id);
        advocate.await("conversation");
        survivor.await("assigned");
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Thank you " + canary);
        advocate.await("ack");
        advocate.send(new JsonObject().put("type", "message").put("conversation", id).put("clientId", "card").put("partner", "p-legal"));
        advocate.await("ack");
        assertEquals("Legal Aid North", survivor.awaitMatching("message", m -> m.containsKey("referrals"))
                .getJsonArray("referrals").getJsonObject(0).getString("name"));
        advocate.send("end", "conversation", id);
        survivor.await("ended");
        awaitEndAudited();

        Path register = hub.dataDir.resolve("programs/main/sharing/sharing-2026-11.jsonl");
        String kept = Files.readString(register, StandardCharsets.UTF_8);
        assertTrue(kept.contains("Legal Aid North") && kept.contains("\"maria\""), "the register holds the referral: " + kept);
        List<String> secrets = List.of(canary, token, Ids.sha256Hex(token), id, "555-0199");
        DataFiles.read(hub.dataDir).forEach((file, content) -> {
            for (String secret : secrets) assertFalse(content.contains(secret), file + " contains " + secret);
        });
    }

    private void awaitEndAudited() throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            List<AuditEntry> entries = TestHub.await(hub.hub.settingsStore().auditEntries(0, 10_000));
            if (entries.stream().anyMatch(e -> e.record().action().equals("conversation.end"))) return;
            if (System.currentTimeMillis() > deadline) fail("the end was not audited");
            Thread.sleep(10);
        }
    }
}
