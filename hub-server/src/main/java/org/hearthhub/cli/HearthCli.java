package org.hearthhub.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The hub's command line: {@code hearth-hub [--config FILE]} runs the hub, {@code hearth-hub user add …}
 * adds a staff account. Every command has {@code --help}; bad arguments print {@code error: …} and the
 * command's usage to standard error and exit with 2.
 */
public final class HearthCli {
    public static final int BAD_ARGUMENTS = 2;

    /** Runs the hub: returns 0 as soon as it is starting (it then runs on its own threads), or an exit code. */
    @FunctionalInterface
    public interface Server {
        int serve(Path configFile);
    }

    private HearthCli() {
    }

    /**
     * @param server  what running without a subcommand does
     * @param userAdd the {@code user add} command, with what it writes to
     */
    public static CommandLine commandLine(Server server, UserAddCommand userAdd, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new HearthCommand(server))
                .addSubcommand(new CommandLine(new UserCommand()).addSubcommand(userAdd));
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setParameterExceptionHandler(HearthCli::badArguments);
        return cli;
    }

    private static int badArguments(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + e.getMessage());
        command.usage(err);
        return BAD_ARGUMENTS;
    }
}
