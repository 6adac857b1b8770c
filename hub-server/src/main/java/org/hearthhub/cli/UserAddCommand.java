package org.hearthhub.cli;

import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.PasswordPolicy;
import org.hearthhub.auth.Usernames;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.Role;
import org.hearthhub.settings.SettingsStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code hearth-hub user add --username NAME --role advocate|lead [--display-name NAME] --password-stdin}.
 * The password comes from the first line of standard input, never the command line (which other users
 * of the machine can see in the process list). The account is written where the hub reads accounts: the
 * settings Redis when one is configured, else the data directory. Exit codes: 0 created, 1 refused, 2 bad arguments.
 */
public final class UserAddCommand {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    static final String USAGE_TEXT =
            "usage: hearth-hub user add --username NAME --role advocate|lead [--display-name NAME] --password-stdin\n"
            + "  --username        2-40 characters: a-z 0-9 . _ -\n"
            + "  --role            advocate or lead\n"
            + "  --display-name    the name colleagues and survivors see (default: the username)\n"
            + "  --password-stdin  read the password from the first line of standard input (at least "
            + PasswordPolicy.MIN_LENGTH + " characters)\n";
    private static final int MAX_PASSWORD_LINE_BYTES = 4096;
    private static final int MAX_DISPLAY_NAME = 80;
    private static final long STORE_TIMEOUT_SECONDS = 60;

    private UserAddCommand() {
    }

    private record Request(String username, Role role, String displayName) {
    }

    /** Error in the arguments: reported with the usage text and exit code 2. */
    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code args} may start with "user add" or be just the options after it. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, HubConfig config,
                          SettingsStore store) {
        return run(args, stdin, out, err, config, store, PasswordHasher.withoutVertx(), Clock.systemUTC());
    }

    /** With a chosen hasher (tests use cheap parameters). */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err, HubConfig config,
                          SettingsStore store, PasswordHasher hasher, Clock clock) {
        Request request;
        try {
            request = parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        String password;
        try {
            password = firstLine(stdin);
        } catch (IOException e) {
            err.println("error: could not read the password from standard input: " + e.getMessage());
            return REFUSED;
        }
        Optional<String> problem = PasswordPolicy.problemWith(password);
        if (problem.isPresent()) {
            err.println("error: " + problem.get());
            return REFUSED;
        }
        try {
            if (await(store.account(request.username())).isPresent()) {
                err.println("error: an account named '" + request.username() + "' already exists.");
                return REFUSED;
            }
            Account account = new Account(request.username(), request.displayName(), request.role(),
                    hasher.hashNow(password), null, false, config.queue().defaultCapacity(), List.of("en"), "en",
                    clock.instant());
            await(store.saveAccount(account));
        } catch (StoreException e) {
            err.println("error: could not use the " + store.location() + ": " + e.getMessage());
            return REFUSED;
        }
        // Named from the store itself: with a settings Redis configured the data directory holds no accounts.
        out.println("Created " + request.role().wire() + " account '" + request.username() + "' in the " + store.location() + ".");
        return OK;
    }

    private static Request parse(String[] args) throws UsageException {
        List<String> list = Arrays.asList(args == null ? new String[0] : args);
        if (list.size() >= 2 && list.get(0).equals("user") && list.get(1).equals("add")) list = list.subList(2, list.size());
        String username = null;
        String role = null;
        String displayName = null;
        boolean passwordStdin = false;
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            switch (name) {
                case "--password-stdin" -> {
                    if (inlineValue != null) throw new UsageException("--password-stdin takes no value");
                    passwordStdin = true;
                }
                case "--username", "--role", "--display-name" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= list.size()) throw new UsageException(name + " needs a value");
                        value = list.get(++i);
                    }
                    switch (name) {
                        case "--username" -> username = value;
                        case "--role" -> role = value;
                        default -> displayName = value;
                    }
                }
                case "--password" -> throw new UsageException(
                        "passwords are not accepted on the command line; use --password-stdin");
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if (username == null) throw new UsageException("--username is required");
        if (!Usernames.isValid(username)) {
            throw new UsageException("the username must be 2-40 characters of a-z, 0-9, '.', '_' or '-' (got '" + username + "')");
        }
        if (Usernames.isReserved(username)) {
            throw new UsageException("the username '" + username + "' is reserved (the hub uses it for the survivor, "
                    + "itself or SMS); choose another");
        }
        if (role == null) throw new UsageException("--role is required (advocate or lead)");
        Role parsedRole;
        try {
            parsedRole = Role.fromWire(role);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!passwordStdin) throw new UsageException("--password-stdin is required (the password is read from standard input)");
        if (displayName == null) displayName = username;
        displayName = displayName.strip();
        if (displayName.isEmpty() || displayName.length() > MAX_DISPLAY_NAME) {
            throw new UsageException("the display name must be 1-" + MAX_DISPLAY_NAME + " characters");
        }
        return new Request(username, parsedRole, displayName);
    }

    /** The first line, without its line ending; bytes rather than a Reader so nothing past it is consumed. */
    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (line.size() >= MAX_PASSWORD_LINE_BYTES) throw new IOException("the first line is longer than " + MAX_PASSWORD_LINE_BYTES + " bytes");
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static final class StoreException extends Exception {
        StoreException(String message) {
            super(message);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws StoreException {
        try {
            return future.toCompletionStage().toCompletableFuture().get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreException(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (TimeoutException e) {
            throw new StoreException("no answer within " + STORE_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted");
        }
    }
}
