package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(VertxExtension.class)
class FileSettingsStoreTest {
    @TempDir
    Path dataDir;

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    private static Account account(String username) {
        return new Account(username, "Name " + username, Role.ADVOCATE, "$argon2id$hash", null, false, 2,
                List.of("en", "es"), "es", Instant.parse("2026-11-23T10:15:30.123456Z"));
    }

    @Test
    void accountRoundTripsThroughANewStore(Vertx vertx) throws Exception {
        Account a = account("maria").withDisabled(true);
        await(new FileSettingsStore(vertx, dataDir, "main").saveAccount(a));

        FileSettingsStore reopened = new FileSettingsStore(vertx, dataDir, "main");
        assertEquals(a, await(reopened.account("maria")).orElseThrow());
        assertTrue(await(reopened.account("nobody")).isEmpty());
        assertTrue(Files.exists(dataDir.resolve("programs/main/accounts.json")));
    }

    @Test
    void savingAnAccountAgainReplacesIt(Vertx vertx) throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        await(store.saveAccount(account("maria")));
        await(store.saveAccount(account("maria").withPasswordHash("new")));
        List<Account> all = await(store.accounts());
        assertEquals(1, all.size());
        assertEquals("new", all.get(0).passwordHash());
    }

    @Test
    void fiftyConcurrentSavesAreAllKeptAndLeaveNoTempFiles(Vertx vertx) throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        List<Future<Void>> saves = new ArrayList<>();
        IntStream.range(0, 50).forEach(i -> saves.add(store.saveAccount(account("user" + i))));
        await(Future.all(saves));

        assertEquals(50, await(store.accounts()).size());
        try (Stream<Path> files = Files.list(dataDir.resolve("programs/main"))) {
            assertEquals(List.of("accounts.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void filesAndDirectoriesAreOwnerOnly(Vertx vertx) throws Exception {
        assumeTrue(dataDir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        await(store.saveAccount(account("maria")));
        await(store.addDailyCounters(LocalDate.parse("2026-11-23"), Map.of("x", 1L)));

        Path program = dataDir.resolve("programs/main");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(program)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(program.resolve("accounts.json"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(program.resolve("stats/2026-11.json"))));
    }

    @Test
    void programSettingsRoundTripWithTimesDatesAndTexts(Vertx vertx) throws Exception {
        ProgramSettings settings = new ProgramSettings(
                "America/Chicago",
                List.of(new ProgramSettings.WeeklySlot(1, LocalTime.of(9, 0), LocalTime.of(17, 30)),
                        new ProgramSettings.WeeklySlot(5, LocalTime.of(22, 0), LocalTime.of(2, 0))),
                List.of(new ProgramSettings.Holiday(LocalDate.parse("2026-12-25"), "Christmas")),
                Map.of("en", List.of(new Referral("Shelter", "555-0100", "Call us", null))),
                Map.of("es", List.of(new ProgramSettings.CannedResponse("Hola", "¿Cómo puedo ayudarte?"))),
                new ProgramSettings.WidgetLook(Map.of("en", "Chat"), Map.of(), "#123456", "left", "https://example.org"),
                new ProgramSettings.Retention(20, 6, 30));
        await(new FileSettingsStore(vertx, dataDir, "main").saveProgramSettings(settings));

        assertEquals(settings, await(new FileSettingsStore(vertx, dataDir, "main").programSettings()));
    }

    @Test
    void defaultsCarryNationalReferralsInEnglishAndSpanish(Vertx vertx) throws Exception {
        ProgramSettings s = await(new FileSettingsStore(vertx, dataDir, "main").programSettings());

        assertNull(s.weeklyHours(), "open at all hours until a lead sets hours");
        assertEquals(ProgramSettings.defaults().timeZone(), s.timeZone());
        for (String lang : List.of("en", "es")) {
            List<String> phones = s.referrals().get(lang).stream().map(Referral::phone).toList();
            assertEquals(List.of("1-800-799-7233", "1-800-656-4673", "911"), phones, lang);
            assertTrue(s.referrals().get(lang).get(0).text().contains("88788"), lang);
        }
        assertTrue(s.referrals().get("es").get(2).text().startsWith("Si estás en peligro"));
        StarterCannedResponsesCheck.assertStarterSet(s);
    }

    @Test
    void concurrentCounterIncrementsAllAddUp(Vertx vertx) throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        LocalDate day = LocalDate.parse("2026-11-23");
        List<Future<Void>> adds = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> adds.add(store.addDailyCounters(day, Map.of("contacts.web", 1L, "lang.en", 2L))));
        await(Future.all(adds));

        Map<String, Long> counters = await(store.dailyCounters(day, day)).get(day);
        assertEquals(100L, counters.get("contacts.web"));
        assertEquals(200L, counters.get("lang.en"));
    }

    @Test
    void countersAreReadAcrossMonthsAndOnlyWithinTheRange(Vertx vertx) throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        for (String d : List.of("2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02")) {
            await(store.addDailyCounters(LocalDate.parse(d), Map.of("contacts.sms", 1L)));
        }
        var days = await(new FileSettingsStore(vertx, dataDir, "main")
                .dailyCounters(LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-01")));
        assertEquals(List.of(LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-01")), List.copyOf(days.keySet()));
    }

    @Test
    void programIdThatCouldEscapeTheDataDirectoryIsRefused(Vertx vertx) {
        var e = assertThrows(IllegalArgumentException.class, () -> new FileSettingsStore(vertx, dataDir, "../etc"));
        assertTrue(e.getMessage().contains("program id"));
    }
}
