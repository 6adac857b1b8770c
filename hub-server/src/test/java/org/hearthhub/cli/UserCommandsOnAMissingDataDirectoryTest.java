package org.hearthhub.cli;

import org.hearthhub.DataDirLock;
import org.hearthhub.testing.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code user reset} and {@code user add} (real processes) on a data directory that is not there, as a mistyped
 * {@code HEARTH_DATA_DIR} or {@code server.dataDir} gives: refused in one line naming the path, exit 1, nothing
 * created. {@code user add} on a fresh install, before the hub's first start, makes the directory as a first start
 * would, where only the directory itself is missing.
 */
class UserCommandsOnAMissingDataDirectoryTest {
    private static final String PASSWORD = "a long enough password\n";

    @TempDir
    Path root;

    private List<Path> everythingUnderRoot() throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(p -> !p.equals(root)).toList();
        }
    }

    private static List<String> lines(HubProcess.Exited exited) {
        return exited.output().lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void aResetOnADirectoryThatIsNotThereIsRefusedAndCreatesNothing() throws Exception {
        for (Path missing : List.of(root.resolve("mistyped/path"), root.resolve("node-8801"))) {
            HubProcess.Exited reset = HubProcess.runCommand(missing, PASSWORD, "user", "reset", "--username", "lead", "--password-stdin");
            assertEquals(1, reset.code(), reset.output());
            assertEquals(List.of("hearth: the data directory " + missing + " does not exist; check server.dataDir or HEARTH_DATA_DIR "
                    + "(and --config), nothing was created."), lines(reset));
            assertEquals(List.of(), everythingUnderRoot(), "no directory, no " + DataDirLock.FILE);
        }
    }

    @Test
    void anAddWhoseDirectorysParentIsNotThereEitherIsRefusedAndCreatesNothing() throws Exception {
        Path missing = root.resolve("mistyped/path");
        HubProcess.Exited add = HubProcess.runCommand(missing, PASSWORD, "user", "add", "--username", "maria", "--role", "lead",
                "--password-stdin");
        assertEquals(1, add.code(), add.output());
        assertEquals(List.of("hearth: the data directory " + missing + " does not exist, nor does " + root.resolve("mistyped")
                + "; check server.dataDir or HEARTH_DATA_DIR (and --config), nothing was created."), lines(add));
        assertEquals(List.of(), everythingUnderRoot(), "no directory, no " + DataDirLock.FILE);
    }

    @Test
    void anAddOnAFreshInstallMakesTheDirectoryAsAFirstStartWould() throws Exception {
        Path fresh = root.resolve("data");
        HubProcess.Exited add = HubProcess.runCommand(fresh, PASSWORD, "user", "add", "--username", "maria", "--role", "lead",
                "--password-stdin");
        assertEquals(0, add.code(), add.output());
        assertEquals(List.of("Created lead account 'maria' in the data directory " + fresh + "."), lines(add));
        assertTrue(Files.isRegularFile(fresh.resolve("programs/main/accounts.json")));
    }
}
