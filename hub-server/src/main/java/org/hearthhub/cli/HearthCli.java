package org.hearthhub.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hub's command line: {@code hearth-hub [--config FILE]} runs the hub, {@code hearth-hub user add …}
 * adds a staff account, {@code hearth-hub user reset …} lets one back in. Every command has {@code --help}; bad arguments print {@code error: …} and the
 * command's usage to standard error and exit with 2.
 */
public final class HearthCli {
    public static final int BAD_ARGUMENTS = 2;

    /** Runs the hub: returns 0 as soon as it is starting (it then runs on its own threads), or an exit code. */
    @FunctionalInterface
    public interface Server {
        int serve(Path configFile);
    }

    /** The hub's own start, read without the parser: {@code configFile} is null when none was given. */
    public record ServeOnly(Path configFile) {
    }

    private HearthCli() {
    }

    /**
     * The hub's own start, {@code hearth-hub}, {@code hearth-hub --config FILE} or {@code --config=FILE} (what the
     * README, the systemd unit and the container run), read without building the command model: picocli first
     * reads every command's annotations by reflection, ~0.4 s of a start on a 2-core VM before the hub begins.
     * Any other command line (help, {@code user add}, a mistake) answers null and goes to {@link #commandLine},
     * which reads these three forms the same way.
     */
    public static ServeOnly serveOnly(String[] args) {
        if (args.length == 0) return new ServeOnly(null);
        String file = args.length == 2 && args[0].equals("--config") ? args[1]
                : args.length == 1 && args[0].startsWith("--config=") ? args[0].substring("--config=".length()) : null;
        if (file == null || file.isBlank() || file.startsWith("-")) return null;
        try {
            return new ServeOnly(Path.of(file));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /**
     * @param server    what running without a subcommand does
     * @param userAdd   the {@code user add} command, with what it writes to
     * @param userReset the {@code user reset} command, likewise
     */
    public static CommandLine commandLine(Server server, UserAddCommand userAdd, UserResetCommand userReset, PrintStream out,
                                          PrintStream err) {
        CommandLine cli = new CommandLine(new HearthCommand(server))
                .addSubcommand(new CommandLine(new UserCommand()).addSubcommand(userAdd).addSubcommand(userReset));
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler(HearthCli::badArguments);
        return cli;
    }

    /** For the user commands' helpers (tests, tools): {@code args} may start with "user SUBCOMMAND" or be just its options. */
    static int runUser(String subcommand, String[] args, UserAddCommand add, UserResetCommand reset, PrintStream out, PrintStream err) {
        List<String> all = new ArrayList<>(Arrays.asList(args == null ? new String[0] : args));
        if (!(all.size() >= 2 && all.get(0).equals("user") && all.get(1).equals(subcommand))) all.addAll(0, List.of("user", subcommand));
        return commandLine(file -> {
            throw new IllegalStateException("not a server");
        }, add, reset, out, err).execute(all.toArray(String[]::new));
    }

    private static int badArguments(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + e.getMessage());
        command.usage(err);
        return BAD_ARGUMENTS;
    }
}
