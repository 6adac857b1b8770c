package org.hearthhub.sharing;

import io.vertx.core.Vertx;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.SettingsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSharingRegisterTest extends SharingRegisterContract {
    @TempDir
    Path dataDir;

    @Override
    SettingsStore open(Vertx vertx, String programId) {
        return new FileSettingsStore(vertx, dataDir, programId, clock);
    }

    @Test
    void theRegisterIsAnAppendOnlyFileOfTheProgramsOwnByMonth() throws Exception {
        await(register.record(Sharing.card("riverside", null, "Legal Aid North", "maria")));
        await(register.record(Sharing.card("riverside", "hillside", "Hillside Shelter", "ana")));
        Path file = dataDir.resolve("programs/riverside/sharing/sharing-2026-12.jsonl");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"Legal Aid North\"") && lines.get(1).contains("\"hillside\""), lines::toString);
    }

    @Test
    void aLineTornByACrashIsSkippedAndTheNextEntryStartsAfterIt() throws Exception {
        await(register.record(Sharing.card("riverside", null, "Legal Aid North", "maria")));
        Path file = dataDir.resolve("programs/riverside/sharing/sharing-2026-12.jsonl");
        Files.writeString(file, "{\"at\":\"2026-12-31T23:58:00Z\",\"kind\":\"refe", StandardOpenOption.APPEND);
        await(register.record(Sharing.card("riverside", null, "Hillside Shelter", "ana")));

        List<SharingEntry> month = await(register.month(YearMonth.of(2026, 12)));
        assertEquals(List.of("Legal Aid North", "Hillside Shelter"), month.stream().map(SharingEntry::toPartner).toList());
    }
}
