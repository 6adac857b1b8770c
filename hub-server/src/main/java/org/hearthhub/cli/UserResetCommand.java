package org.hearthhub.cli;

import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.auth.AccountReset;
import org.hearthhub.auth.LoginAttempts;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.PasswordPolicy;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.auth.Usernames;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.SettingsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code hearth-hub user reset --username NAME [--password-stdin] [--totp-off] [--enable]}: the host operator lets a
 * staff member back in (a program's only lead who forgot the password or lost the authenticator), making the reset a
 * lead makes in the console ({@link AccountReset}). Written where the hub reads accounts, as {@code user add}; every
 * reset also lifts the account's sign-in locks, its authenticator codes' lock included; a new password or a removed
 * authenticator ends its sessions and voids its device cookies (in the account itself, so also on a one-node hub). The access log of every program the person works in records it, by
 * {@link Actor.Party#HOST_OPERATOR}. Exit codes: 0 done, 1 refused, 2 bad arguments.
 */
@Command(name = "reset", synopsisHeading = "usage: ", sortOptions = false,
        description = {"Lets a staff member back in: a new password, no authenticator, or enabled again, as a lead's reset "
                + "in the console; every reset also lifts the account's sign-in locks (its authenticator codes' too). Written where the hub reads accounts: "
                + "the settings Redis when one is configured (any time: every node sees it), else the data directory "
                + "(stop the hub first: a running hub keeps the accounts it read at its start, so the command is refused while one runs there).",
                "With the live Redis configured the person's sessions end and their locks lift on every node; a one-node "
                        + "hub keeps them in its memory, gone once it is stopped.",
                "The access log of each of the person's programs records it, by host:operator."},
        footerHeading = "%nExit codes: ", footer = "0 done, 1 refused (unknown name, password, store, a hub running on the data directory), 2 bad arguments.")
public final class UserResetCommand implements Callable<Integer> {

    /** Where the person's sessions and sign-in locks are kept (the live Redis), and how to name it. */
    public record Live(LiveStore store, String location) {
    }

    /**
     * The configuration, the store the hub reads accounts from, the live Redis when one is configured (else empty:
     * the hub's own memory, out of reach) and how to let go of them.
     */
    public record Target(HubConfig config, SettingsStore store, Optional<Live> live, Runnable close) {
    }

    /** Opens the {@link Target} of a configuration file (null: none), once the arguments are known to be valid. */
    @FunctionalInterface
    public interface Opener {
        Target open(Path configFile) throws UserAddCommand.Unopenable;
    }

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Option(names = "--username", required = true, paramLabel = "NAME", description = "The account to reset.")
    String username;

    @Option(names = "--password-stdin", description = "A new password from the first line of standard input (at least "
            + PasswordPolicy.MIN_LENGTH + " characters); the person chooses their own at the next sign-in. Their sessions end, "
            + "and the browsers they signed in on are no longer known devices.")
    boolean passwordStdin;

    @Option(names = "--totp-off", description = "Removes the authenticator app: the person signs in with the password, and "
            + "sets up a new one at once where a program requires it. Their sessions end, and the browsers they signed in on "
            + "are no longer known devices.")
    boolean totpOff;

    @Option(names = "--enable", description = "Lets a disabled account sign in again.")
    boolean enable;

    @Mixin
    PasswordNotOnCommandLine noPassword;

    private final Opener opener;
    private final AccountTools tools;

    public UserResetCommand(Opener opener, AccountTools tools) {
        this.opener = opener;
        this.tools = tools;
    }

    /** For tests and tools: {@code args} may start with "user reset" or be just the options after it. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, Target target, PasswordHasher hasher,
                          Clock clock) {
        AccountTools tools = new AccountTools(stdin, hasher, clock);
        return HearthCli.runUser("reset", args, new UserAddCommand(file -> {
            throw new UserAddCommand.Unopenable(UserAddCommand.REFUSED, "not this command");
        }, tools), new UserResetCommand(file -> target, tools), out, err);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkArguments();
        String password = null;
        if (passwordStdin) {
            PasswordLine.Read read = PasswordLine.from(tools.stdin());
            if (read.refused()) {
                err.println("error: " + read.problem());
                return UserAddCommand.REFUSED;
            }
            password = read.password();
        }
        Target target;
        try {
            target = opener.open(((HearthCommand) spec.root().userObject()).configFile());
        } catch (UserAddCommand.Unopenable e) {
            err.println(e.getMessage());
            return e.exitCode();
        }
        String where = target.store().location();
        try {
            SettingsStore store = target.store();
            if (StoreCall.await(store.account(username)).isEmpty()) {
                err.println("error: there is no account named '" + username + "' in the " + where + ".");
                return UserAddCommand.REFUSED;
            }
            AccountReset reset = new AccountReset(password == null ? null : tools.hasher().hashNow(password), totpOff, enable, true);
            AtomicReference<Account> before = new AtomicReference<>();
            Account saved = StoreCall.await(store.updateAccount(username, stored -> {
                // Removed since the look above (a lead on a running hub cannot remove accounts, but an operator can).
                Account found = stored.orElseThrow(() -> new IllegalStateException("the account was removed meanwhile"));
                before.set(found);
                return reset.applyTo(found);
            }));
            List<String> programs = recordIn(target, reset, before.get());
            String ended = target.live().isPresent()
                    ? endIn(target.live().get(), target.config(), reset)
                    : "; its sessions and sign-in locks are in the hub's memory, out of reach here (gone once the hub is stopped)";
            out.println("Reset '" + username + "' (" + done(reset, before.get()) + ") in the " + where + ended
                    + "; recorded in the access log of " + String.join(", ", programs) + ".");
            return UserAddCommand.OK;
        } catch (StoreCall.Failed e) {
            err.println("error: could not use the " + where + ": " + e.getMessage());
            return UserAddCommand.REFUSED;
        } catch (Unfinished e) {
            err.println("error: '" + username + "' was reset in the " + where + ", but " + e.getMessage());
            return UserAddCommand.REFUSED;
        } finally {
            target.close().run();
        }
    }

    /** What picocli's declarations cannot say; refused as bad arguments, before anything is read or opened. */
    private void checkArguments() {
        noPassword.check(spec.commandLine());
        if (!Usernames.isValid(username)) {
            throw new ParameterException(spec.commandLine(), "the username must be 2-40 characters of a-z, 0-9, '.', '_' or '-' (got '"
                    + username + "')");
        }
        if (!passwordStdin && !totpOff && !enable) {
            throw new ParameterException(spec.commandLine(), "say what to reset: --password-stdin, --totp-off and/or --enable");
        }
    }

    /** Writes the reset to the access log of every program the person works in (that the hub still hosts); their ids. */
    private List<String> recordIn(Target target, AccountReset reset, Account before) throws Unfinished {
        String defaultProgram = target.config().programId();
        List<String> done = new ArrayList<>();
        try {
            Set<String> hosted = StoreCall.await(target.store().programs()).stream().map(Program::id).map(ProgramId::value)
                    .collect(Collectors.toSet());
            for (String program : before.memberships(defaultProgram).keySet()) {
                boolean isDefault = program.equals(defaultProgram);
                if (!isDefault && !hosted.contains(program)) continue;
                SettingsStore store = isDefault ? target.store() : target.store().forProgram(ProgramId.of(program));
                try {
                    AuditLog log = new AuditLog(store, tools.clock());
                    StoreCall.await(reset.record((action, detail) -> log.record(Actor.Party.HOST_OPERATOR, action, username, detail)
                            .mapEmpty(), before));
                } finally {
                    if (!isDefault) store.close();
                }
                done.add(program);
            }
        } catch (StoreCall.Failed e) {
            throw new Unfinished("the access log could not be written" + (done.isEmpty() ? "" : " past program(s) "
                    + String.join(", ", done)) + ": " + e.getMessage());
        }
        return done;
    }

    /** Ends the person's sessions and lifts their locks on every node, through the live Redis; says what it did. */
    private String endIn(Live live, HubConfig config, AccountReset reset) throws Unfinished {
        StaffSessions sessions = new StaffSessions(live.store(), live.store(), config.auth(), tools.clock());
        LoginAttempts attempts = new LoginAttempts(live.store(), config.auth(), tools.clock());
        try {
            StoreCall.await(reset.endWhatItEnds(username, sessions, attempts));
        } catch (StoreCall.Failed e) {
            throw new Unfinished("its sessions and sign-in locks could not be ended in the " + live.location() + ": " + e.getMessage());
        }
        return "; " + (reset.endsSessions() ? "its sessions ended and " : "") + "its sign-in locks lifted in the " + live.location();
    }

    private static String done(AccountReset reset, Account before) {
        List<String> parts = new ArrayList<>();
        if (reset.passwordHash() != null) parts.add("new password, to be changed at sign-in");
        if (reset.totpOff()) parts.add(before.totpSecret() == null ? "had no authenticator" : "authenticator removed");
        if (reset.enable()) parts.add(before.disabled() ? "enabled" : "was not disabled");
        return String.join(", ", parts);
    }

    /** The account was saved, but a later step failed: said, since the change itself stands. */
    private static final class Unfinished extends Exception {
        Unfinished(String message) {
            super(message, null, false, false);
        }
    }
}
