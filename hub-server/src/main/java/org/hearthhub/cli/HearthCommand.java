package org.hearthhub.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hearth-hub [--config FILE]}: runs the hub; its subcommands share {@code --config}. */
@Command(name = "hearth-hub", synopsisHeading = "usage: ",
        description = "Runs the Hearth hub. Configuration: the YAML file given, then HEARTH_* environment variables "
                + "(docs/configuration.md).",
        commandListHeading = "%nCommands:%n")
final class HearthCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The YAML configuration file (default: none, the built-in defaults).")
    Path configFile;

    private final HearthCli.Server server;

    HearthCommand(HearthCli.Server server) {
        this.server = server;
    }

    /** Null when none was given. */
    Path configFile() {
        return configFile;
    }

    @Override
    public Integer call() {
        return server.serve(configFile);
    }
}
