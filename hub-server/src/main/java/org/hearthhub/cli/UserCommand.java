package org.hearthhub.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hearth-hub user …}: staff accounts. */
@Command(name = "user", synopsisHeading = "usage: ", description = "Staff accounts.", commandListHeading = "%nCommands:%n")
final class UserCommand implements Runnable {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "say what to do with accounts: " + String.join(", ", spec.subcommands().keySet()));
    }
}
