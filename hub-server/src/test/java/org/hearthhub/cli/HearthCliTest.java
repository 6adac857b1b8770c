package org.hearthhub.cli;

import org.hearthhub.auth.TestConfigs;
import org.hearthhub.config.HubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line as a whole: help on every command, clear errors, {@code --config} wherever it is written. */
class HearthCliTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Path> served = new ArrayList<>();
    private final List<Path> opened = new ArrayList<>();

    private int run(String... args) {
        out.reset();
        err.reset();
        UserAddCommand.Opener opener = file -> {
            opened.add(file);
            throw new UserAddCommand.Unopenable(UserAddCommand.REFUSED, "error: no store in this test");
        };
        AccountTools tools = new AccountTools(new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)),
                null, Clock.systemUTC());
        UserAddCommand add = new UserAddCommand(opener, tools);
        UserResetCommand reset = new UserResetCommand(file -> {
            opener.open(file);
            throw new IllegalStateException("the opener refuses");
        }, tools);
        return HearthCli.commandLine(file -> {
            served.add(file);
            return 0;
        }, add, reset, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("usage: hearth-hub [-h] [--config=FILE] [COMMAND]"), out());
        assertTrue(out().contains("user") && out().contains("Staff accounts."), out());
        assertEquals(0, run("user", "--help"));
        assertTrue(out().startsWith("usage: hearth-hub user [-h] [--config=FILE] [COMMAND]"), out());
        assertTrue(out().contains("add"), out());
        assertEquals(0, run("user", "add", "-h"));
        assertTrue(out().startsWith("usage: hearth-hub user add"), out());
        for (String option : new String[]{"--username=NAME", "--role=advocate|lead", "--display-name=NAME", "--password-stdin", "--config=FILE",
                "Exit codes: 0 created, 1 refused"}) {
            assertTrue(out().contains(option), option + " in " + out());
        }
        assertTrue(!out().contains("--password=") && !out().contains("--password "), "the refused option is not offered");
        assertEquals(0, run("user", "reset", "--help"));
        assertTrue(out().startsWith("usage: hearth-hub user reset"), out());
        for (String option : new String[]{"--username=NAME", "--password-stdin", "--totp-off", "--enable", "--config=FILE",
                "stop the hub first", "Exit codes: 0 done, 1 refused"}) {
            assertTrue(out().replaceAll("\\s+", " ").contains(option), option + " in " + out());
        }
        assertTrue(served.isEmpty() && opened.isEmpty(), "help runs nothing");
    }

    @Test
    void withoutACommandTheHubRunsWithTheConfigGiven() {
        assertEquals(0, run());
        assertEquals(0, run("--config", "/etc/hearth/hearth.yaml"));
        assertEquals(Path.of("/etc/hearth/hearth.yaml"), served.get(1));
        assertEquals(null, served.get(0), "no file: defaults and the environment");
    }

    @Test
    void theHubsOwnStartIsReadWithoutTheParserExactlyAsTheParserReadsIt() {
        String[][] serveOnly = {{}, {"--config", "/etc/hearth/hearth.yaml"}, {"--config=b.yaml"}, {"--config", "dir with space/c.yaml"}};
        for (String[] args : serveOnly) {
            HearthCli.ServeOnly read = HearthCli.serveOnly(args);
            served.clear();
            assertEquals(0, run(args), String.join(" ", args));
            assertEquals(served.get(0), read == null ? "not read" : read.configFile(), String.join(" ", args));
        }
        String[][] toTheParser = {{"--help"}, {"-h"}, {"--config"}, {"--config", "--help"}, {"--config", ""}, {"--config="},
                {"--config", "a.yaml", "user"}, {"user", "add", "--username", "maria"}, {"--bogus"}, {"serve"}};
        for (String[] args : toTheParser) {
            assertEquals(null, HearthCli.serveOnly(args), String.join(" ", args));
        }
        assertEquals(null, HearthCli.serveOnly(new String[]{"--config", "a\0.yaml"}), "a path the system cannot name");
    }

    @Test
    void theConfigOptionMayComeBeforeOrAfterTheCommand() {
        assertEquals(UserAddCommand.REFUSED, run("--config", "a.yaml", "user", "add", "--username", "maria", "--role", "lead", "--password-stdin"));
        assertEquals(UserAddCommand.REFUSED, run("user", "add", "--username", "maria", "--config=b.yaml", "--role", "lead", "--password-stdin"));
        assertEquals(List.of(Path.of("a.yaml"), Path.of("b.yaml")), opened);
        assertTrue(err().contains("no store in this test"), err());
    }

    @Test
    void badArgumentsSayWhatIsWrongShowUsageAndExit2() {
        String[][] cases = {
                {"--bogus"},
                {"serve"},
                {"--config"},
                {"user"},
                {"user", "remove", "--username", "maria"},
                {"user", "add", "--username", "maria", "--role", "admin", "--password-stdin"},
                {"user", "add", "--username", "maria", "--role", "lead", "--password-stdin=yes"},
                {"user", "add", "--username", "maria", "--role", "lead", "--password", "hunter2hunter2"},
                {"user", "add", "--username", "maria", "--role", "lead", "--password-stdin", "--password", "hunter2hunter2"},
                {"user", "reset", "--username", "maria"},
                {"user", "reset", "--totp-off"},
                {"user", "reset", "--username", "maria", "--password", "hunter2hunter2"},
        };
        for (String[] args : cases) {
            assertEquals(HearthCli.BAD_ARGUMENTS, run(args), String.join(" ", args));
            assertTrue(err().startsWith("error: "), err());
            assertTrue(err().contains("usage: hearth-hub"), err());
            assertEquals("", out(), "errors go to standard error");
        }
        run("user", "add", "--username", "maria", "--role", "admin", "--password-stdin");
        assertTrue(err().contains("unknown role 'admin' (expected advocate or lead)"), err());
        run("user", "add", "--username", "maria", "--role", "lead", "--password-stdin", "--password", "hunter2hunter2");
        assertTrue(err().contains("passwords are not accepted on the command line; use --password-stdin"), err());
        assertTrue(!err().contains("hunter2hunter2"), "the password given is not echoed");
        run("user");
        assertTrue(err().contains("say what to do with accounts: add, reset"), err());
        assertTrue(served.isEmpty() && opened.isEmpty(), "nothing ran");
    }
}
