package org.hearthhub.cli;

import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.PasswordPolicy;
import org.hearthhub.auth.Usernames;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.model.ShownName;
import org.hearthhub.settings.SettingsStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code hearth-hub user add --username NAME --role advocate|lead [--display-name NAME] [--program ID] [--coalition-admin]
 * --password-stdin}.
 * The password comes from the first line of standard input, never the command line (which other users
 * of the machine can see in the process list). The account is written where the hub reads accounts: the
 * settings Redis when one is configured, else the data directory. Exit codes: 0 created, 1 refused, 2 bad arguments.
 */
@Command(name = "add", synopsisHeading = "usage: ", sortOptions = false,
        description = {"Adds a staff account where the hub reads accounts: the settings Redis when one is configured, "
                + "else the data directory: refused while a hub runs there, so stop the hub first, or use the lead console.",
                "The password is read from the first line of standard input, never from the command line."},
        footerHeading = "%nExit codes: ", footer = "0 created, 1 refused (password, existing name, store, a hub running on the data directory), 2 bad arguments.")
public final class UserAddCommand implements Callable<Integer> {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = HearthCli.BAD_ARGUMENTS;
    private static final int MAX_DISPLAY_NAME = 80;

    /** The configuration and the store the hub reads accounts from, and how to let go of them. */
    public record Target(HubConfig config, SettingsStore store, Runnable close) {
    }

    /** Opens the {@link Target} of a configuration file (null: none), once the arguments are known to be valid. */
    @FunctionalInterface
    public interface Opener {
        Target open(Path configFile) throws Unopenable;
    }

    /** The configuration or the store cannot be used: the message is printed as it is, with this exit code. */
    public static final class Unopenable extends Exception {
        private final int exitCode;

        public Unopenable(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        /** The exit code the command ends with. */
        public int exitCode() {
            return exitCode;
        }
    }

    static final class RoleConverter implements ITypeConverter<Role> {
        @Override
        public Role convert(String value) {
            try {
                return Role.fromWire(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(names = "--username", required = true, paramLabel = "NAME", description = "2-40 characters: a-z 0-9 . _ -")
    String username;

    @Option(names = "--role", required = true, paramLabel = "advocate|lead", converter = RoleConverter.class,
            description = "advocate or lead")
    Role role;

    @Option(names = "--display-name", paramLabel = "NAME",
            description = "The name colleagues and survivors see (default: the username), 1-" + MAX_DISPLAY_NAME + " characters, "
                    + "without control or text-direction characters.")
    String displayName;

    @Option(names = "--program", paramLabel = "ID",
            description = "The program the person works in with that role (default: the hub's default program, server.programId); "
                    + "another program must exist on the hub.")
    String program;

    @Option(names = "--coalition-admin", description = "Also a coalition admin: creates programs and names their leads.")
    boolean coalitionAdmin;

    @Option(names = "--password-stdin", required = true, description = "Read the password from the first line of standard input "
            + "(at least " + PasswordPolicy.MIN_LENGTH + " characters).")
    boolean passwordStdin;

    @Mixin
    PasswordNotOnCommandLine noPassword;

    private final Opener opener;
    private final AccountTools tools;

    public UserAddCommand(Opener opener, AccountTools tools) {
        this.opener = opener;
        this.tools = tools;
    }

    /** For tests and tools: {@code args} may start with "user add" or be just the options after it. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, HubConfig config,
                          SettingsStore store) {
        return run(args, stdin, out, err, config, store, PasswordHasher.withoutVertx(), Clock.systemUTC());
    }

    /** With a chosen hasher (tests use cheap parameters) and clock. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, HubConfig config,
                          SettingsStore store, PasswordHasher hasher, Clock clock) {
        AccountTools tools = new AccountTools(stdin, hasher, clock);
        UserAddCommand command = new UserAddCommand(file -> new Target(config, store, () -> {
        }), tools);
        return HearthCli.runUser("add", args, command, new UserResetCommand(file -> {
            throw new Unopenable(REFUSED, "not this command");
        }, tools), out, err);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String name = checkedDisplayName();
        PasswordLine.Read read = PasswordLine.from(tools.stdin());
        if (read.refused()) {
            err.println("error: " + read.problem());
            return REFUSED;
        }
        String password = read.password();
        Target target;
        try {
            target = opener.open(((HearthCommand) spec.root().userObject()).configFile());
        } catch (Unopenable e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
        try {
            SettingsStore store = target.store();
            if (StoreCall.await(store.account(username)).isPresent()) {
                err.println("error: an account named '" + username + "' already exists.");
                return REFUSED;
            }
            String defaultProgram = target.config().programId();
            String where = program == null ? defaultProgram : program;
            if (!where.equals(defaultProgram) && StoreCall.await(store.programs()).stream().noneMatch(p -> p.id().value().equals(where))) {
                err.println("error: this hub hosts no program '" + where + "' (a coalition admin creates it first).");
                return REFUSED;
            }
            Account account = Account.newMember(username, name, role, tools.hasher().hashNow(password), false,
                            target.config().queue().defaultCapacity(), tools.clock().instant())
                    .withPrograms(where.equals(defaultProgram) ? java.util.Map.of() : java.util.Map.of(where, role))
                    .withCoalitionAdmin(coalitionAdmin);
            // Created only if still absent: a lead may create the same name on a running hub meanwhile.
            Account saved = StoreCall.await(store.updateAccount(username, stored -> {
                if (stored.isPresent()) throw new NameTaken();
                return account;
            }).recover(e -> e instanceof NameTaken ? io.vertx.core.Future.succeededFuture(null) : io.vertx.core.Future.failedFuture(e)));
            if (saved == null) {
                err.println("error: an account named '" + username + "' already exists.");
                return REFUSED;
            }
            // Named from the store itself: with a settings Redis configured the data directory holds no accounts.
            out.println("Created " + role.wire() + " account '" + username + "'"
                    + (where.equals(defaultProgram) ? "" : " of program '" + where + "'")
                    + (coalitionAdmin ? " (coalition admin)" : "") + " in the " + store.location() + ".");
            return OK;
        } catch (StoreCall.Failed e) {
            err.println("error: could not use the " + target.store().location() + ": " + e.getMessage());
            return REFUSED;
        } finally {
            target.close().run();
        }
    }

    /** What picocli's declarations cannot say; refused as bad arguments, before anything is read or opened. */
    private String checkedDisplayName() {
        CommandLine cli = spec.commandLine();
        noPassword.check(cli);
        if (!Usernames.isValid(username)) {
            throw new ParameterException(cli, "the username must be 2-40 characters of a-z, 0-9, '.', '_' or '-' (got '" + username + "')");
        }
        if (program != null && !org.hearthhub.model.ProgramId.isValid(program)) {
            throw new ParameterException(cli, "the program id must be " + org.hearthhub.model.ProgramId.RULE + " (got '" + program + "')");
        }
        if (Usernames.isReserved(username)) {
            throw new ParameterException(cli, "the username '" + username + "' is reserved (the hub uses it for the survivor, "
                    + "itself or SMS); choose another");
        }
        String name = (displayName == null ? username : displayName).strip();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME) {
            throw new ParameterException(cli, "the display name must be 1-" + MAX_DISPLAY_NAME + " characters");
        }
        // Named by its code point: printed as itself, the character would garble or reverse this very line.
        ShownName.firstRefused(name).ifPresent(c -> {
            throw new ParameterException(cli, "the display name must not hold control or text-direction characters ("
                    + String.format("U+%04X", c) + ")");
        });
        return name;
    }

    /** The name was taken between the first look and the save. */
    private static final class NameTaken extends RuntimeException {
        NameTaken() {
            super(null, null, false, false);
        }
    }
}
