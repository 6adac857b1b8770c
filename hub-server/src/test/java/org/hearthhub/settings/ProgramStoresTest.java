package org.hearthhub.settings;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One settings store per program, made from the hub's: each program's data apart, in files and in Redis. */
@ExtendWith(VertxExtension.class)
class ProgramStoresTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ProgramId RIVERSIDE = ProgramId.of("riverside");

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @TempDir
    Path dataDir;

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    private SettingsStore files(Vertx vertx) {
        return new FileSettingsStore(vertx, dataDir, "main", CLOCK);
    }

    private SettingsStore redis(Vertx vertx) throws Exception {
        redis.flushAll();
        return await(RedisSettingsStore.connect(vertx, redis.url(), "main", CLOCK));
    }

    static ProgramSettings titled(ProgramSettings s, String title) {
        ProgramSettings.WidgetLook w = s.widget();
        return s.withWidget(new ProgramSettings.WidgetLook(Map.of("en", title, "es", title), w.notice(), w.primaryColor(),
                w.position(), w.quickExitUrl()));
    }

    /** Settings, audit log and counters written for one program are not another's. */
    private static void eachProgramKeepsItsOwnData(SettingsStore main) throws Exception {
        SettingsStore riverside = main.forProgram(RIVERSIDE);
        ProgramSettings before = await(main.programSettings());
        ProgramSettings theirs = titled(before, "Riverside Chat");
        await(riverside.saveProgramSettings(theirs));
        await(riverside.appendAudit(new AuditRecord(NOW, "rosa", "settings.save", "hours", null)));
        await(riverside.addDailyCounters(LocalDate.of(2026, 12, 1), Map.of("contacts", 3L)));

        assertEquals(before, await(main.programSettings()), "the default program's settings are untouched");
        assertEquals(theirs, await(riverside.programSettings()));
        assertEquals(List.of(), await(main.auditEntries(0, 10)));
        assertEquals(1, await(riverside.auditEntries(0, 10)).size());
        assertEquals(Map.of(), await(main.dailyCounters(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1))));
        assertEquals(3L, await(riverside.dailyCounters(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 1)))
                .get(LocalDate.of(2026, 12, 1)).get("contacts"));
        await(riverside.close());
    }

    private static void theProgramListHoldsEachIdOnce(SettingsStore main) throws Exception {
        assertEquals(List.of(), await(main.programs()));
        Program eastside = new Program(ProgramId.of("eastside"), "Eastside", NOW);
        Program riverside = new Program(RIVERSIDE, "Riverside", NOW);
        assertTrue(await(main.addProgram(riverside)));
        assertTrue(await(main.addProgram(eastside)));
        assertFalse(await(main.addProgram(new Program(RIVERSIDE, "Someone else's", NOW))), "an id is taken once");
        assertEquals(List.of(eastside, riverside), await(main.programs()));
    }

    /** Numbers are set on stored programs only, and a number another stored program owns is refused. */
    private static void aNumberIsStoredForOneProgramOnly(SettingsStore main) throws Exception {
        Program riverside = new Program(RIVERSIDE, "Riverside", NOW);
        Program eastside = new Program(ProgramId.of("eastside"), "Eastside", NOW);
        assertEquals(ProgramListStore.NumbersSaved.NO_SUCH_PROGRAM, await(main.saveNumbers(riverside.withNumbers("+15550100201", null))));
        assertTrue(await(main.addProgram(riverside)));
        assertTrue(await(main.addProgram(eastside)));
        assertEquals(ProgramListStore.NumbersSaved.SAVED, await(main.saveNumbers(riverside.withNumbers("+15550100201", "+15550100201"))));
        assertEquals(ProgramListStore.NumbersSaved.NUMBER_TAKEN, await(main.saveNumbers(eastside.withNumbers(null, "+15550100201"))));
        assertEquals(ProgramListStore.NumbersSaved.NUMBER_TAKEN, await(main.saveNumbers(eastside.withNumbers("+15550100201", null))));
        assertEquals(ProgramListStore.NumbersSaved.SAVED, await(main.saveNumbers(eastside.withNumbers("+15550100202", null))));
        // The program's other fields are kept; a program without numbers reads back with none.
        assertEquals(List.of(eastside.withNumbers("+15550100202", null), riverside.withNumbers("+15550100201", "+15550100201")),
                await(main.programs()));
        assertEquals(ProgramListStore.NumbersSaved.SAVED, await(main.saveNumbers(riverside)));
        assertEquals(List.of(eastside.withNumbers("+15550100202", null), riverside), await(main.programs()));
    }

    /** The coalition's directory: ids added once, replaced and removed only while stored (never brought back), listed by name. */
    private static void theCoalitionsDirectoryChangesOnlyWhatItHolds(SettingsStore main) throws Exception {
        Partner hotline = coalitionEntry("c1", "statewide Hotline");
        Partner legal = coalitionEntry("c2", "Legal Aid");
        assertEquals(List.of(), await(main.coalitionPartners()));
        assertTrue(await(main.addCoalitionPartner(hotline)));
        assertTrue(await(main.addCoalitionPartner(legal)));
        assertFalse(await(main.addCoalitionPartner(coalitionEntry("c1", "Someone else's"))), "an id is taken once");
        assertEquals(List.of(legal, hotline), await(main.coalitionPartners()), "by name, whatever the case");

        Partner renamed = coalitionEntry("c1", "Statewide Hotline 24/7");
        assertTrue(await(main.replaceCoalitionPartner(renamed)));
        assertTrue(await(main.removeCoalitionPartner("c2")));
        assertFalse(await(main.removeCoalitionPartner("c2")));
        assertFalse(await(main.replaceCoalitionPartner(legal)), "a deleted entry is not brought back by an edit");
        assertEquals(List.of(renamed), await(main.coalitionPartners()));
        SettingsStore riverside = main.forProgram(RIVERSIDE);
        assertEquals(List.of(), await(riverside.coalitionPartners()), "hub-wide: the default program's store only");
        await(riverside.close());
    }

    private static Partner coalitionEntry(String id, String name) {
        return new Partner(id, name, List.of("hotline"), List.of("English"), "1-800-555-0100", null, null, null, null,
                Partner.FROM_COALITION);
    }

    @Test
    void filesKeepTheCoalitionsDirectoryWithTheHubsData(Vertx vertx) throws Exception {
        theCoalitionsDirectoryChangesOnlyWhatItHolds(files(vertx));
        assertTrue(Files.exists(dataDir.resolve("programs/main/coalition-partners.json")));
        assertFalse(Files.exists(dataDir.resolve("programs/riverside/coalition-partners.json")));
    }

    @Test
    void redisKeepsTheCoalitionsDirectoryWithTheHubsData(Vertx vertx) throws Exception {
        SettingsStore main = redis(vertx);
        try {
            theCoalitionsDirectoryChangesOnlyWhatItHolds(main);
            redis.inspect(r -> {
                assertEquals(List.of("c1"), r.hkeys("hearth:{main}:coalitionPartners"));
                assertEquals(0L, r.exists("hearth:{riverside}:coalitionPartners"));
            });
        } finally {
            await(main.close());
        }
    }

    @Test
    void filesKeepANumberForOneProgramOnly(Vertx vertx) throws Exception {
        aNumberIsStoredForOneProgramOnly(files(vertx));
    }

    @Test
    void redisKeepsANumberForOneProgramOnly(Vertx vertx) throws Exception {
        SettingsStore main = redis(vertx);
        try {
            aNumberIsStoredForOneProgramOnly(main);
        } finally {
            await(main.close());
        }
    }

    @Test
    void filesKeepEachProgramsDataInItsOwnDirectory(Vertx vertx) throws Exception {
        eachProgramKeepsItsOwnData(files(vertx));
        assertTrue(Files.exists(dataDir.resolve("programs/riverside/settings.json")));
        assertTrue(Files.isDirectory(dataDir.resolve("programs/riverside/audit")));
        assertFalse(Files.exists(dataDir.resolve("programs/main/settings.json")));
    }

    @Test
    void redisKeepsEachProgramsDataUnderItsOwnPrefix(Vertx vertx) throws Exception {
        SettingsStore main = redis(vertx);
        try {
            eachProgramKeepsItsOwnData(main);
            redis.inspect(r -> {
                assertEquals(1L, r.exists("hearth:{riverside}:settings"));
                assertEquals(0L, r.exists("hearth:{main}:settings"));
                assertEquals(1L, r.llen("hearth:{riverside}:audit"));
            });
            // Closing a program's store (above) left the shared connection open.
            assertEquals(List.of(), await(main.programs()));
        } finally {
            await(main.close());
        }
    }

    @Test
    void filesListTheHubsProgramsBesideItsAccounts(Vertx vertx) throws Exception {
        theProgramListHoldsEachIdOnce(files(vertx));
        assertTrue(Files.exists(dataDir.resolve("programs/main/programs.json")));
        assertEquals(2, await(files(vertx).programs()).size(), "read again by a new store");
    }

    @Test
    void redisListsTheHubsProgramsBesideItsAccounts(Vertx vertx) throws Exception {
        SettingsStore main = redis(vertx);
        try {
            theProgramListHoldsEachIdOnce(main);
            redis.inspect(r -> assertEquals(2L, r.hlen("hearth:{main}:programs")));
        } finally {
            await(main.close());
        }
    }
}
