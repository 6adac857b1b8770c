package org.hearthhub.hosting;

import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.ChainVerifier;
import org.hearthhub.model.ProgramId;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A data directory written before the hub hosted several programs (src/test/resources/fixtures/single-program,
 * made by WriteFixture.java.txt run against the store code of commit 2ddbc2d) starts and is served as it was:
 * read in place, no step by hand, nothing moved.
 */
class SingleProgramDataDirectoryTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/single-program");

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else if (!f.toString().endsWith(".txt")) Files.copy(f, target);
            }
        }
    }

    @Test
    void aSingleProgramDataDirectoryIsServedUnchanged() throws Exception {
        copy(FIXTURE, hubs.dataDir());
        byte[] settingsBefore = Files.readAllBytes(hubs.dataDir().resolve("programs/main/settings.json"));
        TestHub hub = hubs.start();

        assertEquals(List.of(ProgramId.of("main")), hub.hub.programs().all().stream().map(HostedProgram::id).toList());
        JsonObject status = await(hub.http().get(hub.port(), "localhost", "/api/v1/status?lang=es").send()).bodyAsJsonObject();
        assertEquals("Chat de prueba", status.getJsonObject("widget").getString("title"));
        hub.login("rosa");
        hub.advocate("maria", List.of("en", "es"), 3).close();

        HostedProgram main = hub.hub.programs().defaultProgram();
        ChainVerifier chain = await(main.store().scanAudit(ChainVerifier::new));
        assertTrue(chain.result().intact());
        List<AuditEntry> entries = await(main.store().auditEntries(0, 10));
        assertEquals("settings.save", entries.get(0).record().action(), "the old entries are read where they were");
        LocalDate day = LocalDate.of(2026, 11, 20);
        assertEquals(Map.of(day, Map.of("contacts.web", 4L)), await(main.store().dailyCounters(day, day)));
        assertArrayEquals(settingsBefore, Files.readAllBytes(hubs.dataDir().resolve("programs/main/settings.json")));
        try (Stream<Path> top = Files.list(hubs.dataDir().resolve("programs"))) {
            assertEquals(List.of("main"), top.map(p -> p.getFileName().toString()).toList(), "no other program appeared");
        }
    }
}
