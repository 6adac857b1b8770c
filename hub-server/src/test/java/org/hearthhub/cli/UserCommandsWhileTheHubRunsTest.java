package org.hearthhub.cli;

import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.testing.DataFiles;
import org.hearthhub.testing.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code user add} and {@code user reset} on the data directory of a running hub (a real process) are refused in one
 * line and change nothing: written there, the hub would go on serving the accounts it read (the old password still
 * working) and its next access-log entry would break the log's chain. Once the hub is stopped they work.
 */
class UserCommandsWhileTheHubRunsTest {
    private static final String NEW_PASSWORD = "a new long enough password";

    @TempDir
    Path dataDir;

    @Test
    void bothCommandsAreRefusedWhileTheHubRunsAndWorkOnceItIsStopped() throws Exception {
        String oldPassword;
        try (HubProcess hub = HubProcess.start(List.of(), dataDir, Map.of())) {
            oldPassword = Files.readString(dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)).strip();
            Map<Path, String> before = DataFiles.read(dataDir);
            String held = "hearth: the data directory " + dataDir.toAbsolutePath().normalize() + " is in use by another hearth-hub "
                    + "process (pid " + hub.pid() + ", hearth.lock); ";

            HubProcess.Exited reset = HubProcess.runCommand(dataDir, NEW_PASSWORD + "\n", "user", "reset", "--username", "lead",
                    "--password-stdin");
            assertEquals(1, reset.code(), reset.output());
            assertEquals(List.of(held + "stop the hub first, reset, and start it again."), lines(reset), reset.output());

            HubProcess.Exited add = HubProcess.runCommand(dataDir, NEW_PASSWORD + "\n", "user", "add", "--username", "maria",
                    "--role", "advocate", "--password-stdin");
            assertEquals(1, add.code(), add.output());
            assertEquals(List.of(held + "stop the hub first, or add the account in the lead console."), lines(add), add.output());

            assertEquals(before, DataFiles.read(dataDir), "no account, no access-log entry written");
            assertEquals(200, hub.signIn("lead", oldPassword).statusCode(), "the lead's password as it was");
            hub.stop(); // as systemd stops it: the shutdown hook lets go of the directory
        }

        HubProcess.Exited reset = HubProcess.runCommand(dataDir, NEW_PASSWORD + "\n", "user", "reset", "--username", "lead",
                "--password-stdin");
        assertEquals(0, reset.code(), reset.output());
        HubProcess.Exited add = HubProcess.runCommand(dataDir, NEW_PASSWORD + "\n", "user", "add", "--username", "maria",
                "--role", "advocate", "--password-stdin");
        assertEquals(0, add.code(), add.output());
        try (HubProcess hub = HubProcess.start(List.of(), dataDir, Map.of())) {
            assertEquals(401, hub.signIn("lead", oldPassword).statusCode());
            assertEquals(200, hub.signIn("lead", NEW_PASSWORD).statusCode());
            assertEquals(200, hub.signIn("maria", NEW_PASSWORD).statusCode());
        }
    }

    private static List<String> lines(HubProcess.Exited exited) {
        return exited.output().lines().filter(l -> !l.isBlank()).toList();
    }

}
