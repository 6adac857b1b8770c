package org.hearthhub;

import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.testing.DataFiles;
import org.hearthhub.testing.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One hub process a data directory: a second one started on it by mistake (a second unit, a copied HEARTH_DATA_DIR)
 * is refused before it reads, writes or listens; a killed hub's directory is free at once, the system having let go.
 */
class DataDirLockTest {
    @TempDir
    Path dataDir;

    @Test
    void aSecondHubOnADirectoryInUseRefusesInOneLineAndLeavesNothingBehind() throws Exception {
        try (HubProcess first = HubProcess.start(List.of(), dataDir, Map.of())) {
            String password = Files.readString(dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)).strip();
            Map<Path, String> before = DataFiles.read(dataDir);

            // On a port the test holds: a refusal about the port would mean the hub got past the directory first.
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                HubProcess.Exited second = HubProcess.runUntilExit(dataDir, taken.getLocalPort(), Map.of());

                assertEquals(1, second.code(), second.output());
                List<String> refusal = second.output().lines().filter(l -> l.startsWith("hearth:")).toList();
                assertEquals(List.of("hearth: could not start: the data directory " + dataDir.toAbsolutePath().normalize() + " is in use by another "
                        + "hearth-hub process (pid " + first.pid() + ", hearth.lock); stop it first, or give each hub a data "
                        + "directory of its own (server.dataDir, HEARTH_DATA_DIR)"), refusal, second.output());
            }
            assertEquals(before, DataFiles.read(dataDir), "the refused hub wrote nothing there");
            assertEquals(200, first.signIn("lead", password).statusCode(), "the first hub serves on, its accounts as they were");
        }
    }

    @Test
    void aKilledHubsDirectoryIsTakenByTheNextStart() throws Exception {
        String password;
        try (HubProcess killed = HubProcess.start(List.of(), dataDir, Map.of())) {
            password = Files.readString(dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)).strip();
            killed.kill();
        }
        assertTrue(Files.exists(dataDir.resolve(DataDirLock.FILE)), "the lock file stays; the system's lock went with the process");

        try (HubProcess next = HubProcess.start(List.of(), dataDir, Map.of())) {
            assertEquals(200, next.signIn("lead", password).statusCode(), next.output());
            assertEquals(next.pid() + "\n", Files.readString(dataDir.resolve(DataDirLock.FILE)), "the file names its holder");
        }
    }
}
