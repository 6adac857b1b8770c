package org.hearthhub.settings;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The partner directory and safeguarding bases came with #16: files from before them load, and both round-trip. */
@ExtendWith(VertxExtension.class)
class PartnerDirectoryCompatibilityTest {
    @TempDir
    Path dataDir;

    @Test
    void aSettingsFileFromBeforeTheDirectoryLoadsWithNoPartnersAndNoBases(Vertx vertx) throws Exception {
        Path file = dataDir.resolve("programs/main/settings.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"timeZone":"UTC","weeklyHours":null,"holidays":[],"referrals":{},"cannedResponses":{},
                 "widget":{"title":{},"notice":{},"primaryColor":"#5b2a86","position":"right","quickExitUrl":"https://example.org"},
                 "retention":{"idleTimeoutMinutes":null,"maxConversationHours":null,"smsBlockDays":null},
                 "staffSecurity":{"requireTotpForAll":false,"requireTotpFor":[]},"closedWhenUnstaffed":true}
                """);
        ProgramSettings s = TestHub.await(new FileSettingsStore(vertx, dataDir, "main").programSettings());
        assertTrue(s.closedWhenUnstaffed());
        assertEquals(List.of(), s.partners());
        assertEquals(List.of(), s.safeguardingBases());
        assertTrue(s.partner("anything").isEmpty());
    }

    @Test
    void partnersAndBasesRoundTripWithTheirSource(Vertx vertx) throws Exception {
        Partner own = new Partner("p1", "Legal Aid North", List.of("legal aid"), List.of("English", "Vietnamese"), "555-0100",
                "55510", "intake@legalaid.example", "https://legalaid.example", null, null);
        Partner published = new Partner("c1", "Hillside Shelter", List.of("shelter"), List.of(), null, null, null, null,
                "hillside", Partner.FROM_COALITION);
        ProgramSettings saved = ProgramSettings.defaults().withPartners(List.of(own, published))
                .withSafeguardingBases(List.of(new ProgramSettings.SafeguardingBasis("Risk to a child", "Children Act s.47")));
        TestHub.await(new FileSettingsStore(vertx, dataDir, "main").saveProgramSettings(saved));

        ProgramSettings read = TestHub.await(new FileSettingsStore(vertx, dataDir, "main").programSettings());
        assertEquals(saved, read);
        assertEquals(Partner.FROM_PROGRAM, read.partner("p1").orElseThrow().source(), "a lead's own entry");
        assertTrue(read.partner("c1").orElseThrow().fromCoalition());
        assertTrue(read.partner("c1").orElseThrow().onHub());
        assertTrue(read.hasSafeguardingBasis("Risk to a child"));
    }
}
