package org.hearthhub.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A hidden {@code --password} on the commands that take one from standard input, only to say why it is refused: the
 * command line is in the process list, which other users of the machine can read.
 */
final class PasswordNotOnCommandLine {
    @Option(names = "--password", hidden = true)
    String given;

    /** Refuses the command as bad arguments when a password was given on the command line. */
    void check(CommandLine cli) {
        if (given != null) throw new ParameterException(cli, "passwords are not accepted on the command line; use --password-stdin");
    }
}
