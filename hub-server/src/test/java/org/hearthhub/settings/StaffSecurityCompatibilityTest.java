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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ProgramSettings.staffSecurity} came with the lead console: files from before it, and after it, both load. */
@ExtendWith(VertxExtension.class)
class StaffSecurityCompatibilityTest {
    @TempDir
    Path dataDir;

    private static final String BEFORE = """
            {"timeZone":"America/Chicago","weeklyHours":null,"holidays":[],"referrals":{},"cannedResponses":{},
             "widget":{"title":{},"notice":{},"primaryColor":"#5b2a86","position":"right","quickExitUrl":"https://example.org"},
             "retention":{"idleTimeoutMinutes":null,"maxConversationHours":null,"smsBlockDays":null},
             "aFieldFromTheFuture":{"x":1}}
            """;

    @Test
    void aSettingsFileFromBeforeStaffSecurityLoadsWithNobodyRequiredToUseTotp(Vertx vertx) throws Exception {
        Path file = dataDir.resolve("programs/main/settings.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, BEFORE);
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        ProgramSettings s = TestHub.await(store.programSettings());
        assertEquals("America/Chicago", s.timeZone());
        assertEquals(ProgramSettings.StaffSecurity.NONE, s.staffSecurity());
        assertFalse(s.staffSecurity().requiresTotp("anyone"));
    }

    @Test
    void staffSecurityRoundTrips(Vertx vertx) throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        ProgramSettings s = ProgramSettings.defaults();
        ProgramSettings saved = new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(), s.cannedResponses(),
                s.widget(), s.retention(), new ProgramSettings.StaffSecurity(false, List.of("ana")));
        TestHub.await(store.saveProgramSettings(saved));
        ProgramSettings read = TestHub.await(new FileSettingsStore(vertx, dataDir, "main").programSettings());
        assertEquals(saved, read);
        assertTrue(read.staffSecurity().requiresTotp("ana"));
        assertFalse(read.staffSecurity().requiresTotp("bea"));
        assertTrue(Files.readString(dataDir.resolve("programs/main/settings.json")).contains("\"requireTotpFor\""));
    }

    @Test
    void theOldConstructorStillWorks() {
        ProgramSettings s = ProgramSettings.defaults();
        ProgramSettings old = new ProgramSettings(s.timeZone(), s.weeklyHours(), s.holidays(), s.referrals(), s.cannedResponses(),
                s.widget(), s.retention());
        assertEquals(ProgramSettings.StaffSecurity.NONE, old.staffSecurity());
        assertEquals(old, old.withReferrals(s.referrals()));
    }
}
