package org.hearthhub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.settings.AccountStore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * A fresh hub has no accounts, so nobody could log in to create one. On first start this makes the
 * account {@code lead} with a random password and writes that password to a file only the hub's user
 * can read. The log names the file, never the password. The account must choose its own password at
 * its first sign-in; once it has, the hub deletes the file (on the node that wrote it), and until the
 * file is gone every lead page reminds leads to delete it.
 * <p>
 * Several nodes may start together on one empty settings store: the account is saved only if the store
 * still holds no account, in one atomic step, and only the node whose save won writes a password file.
 * The others neither write nor log a password.
 * <p>
 * The account and file belong to a start that serves: the hub makes them once it listens, and a start that fails
 * after that takes both back ({@link #withdraw}), so the next start makes them anew and its ready line names a file
 * that the account it serves matches.
 */
public final class FirstLeadBootstrap {
    public static final String USERNAME = "lead";
    public static final String PASSWORD_FILE = "first-lead-password.txt";
    private static final int PASSWORD_LENGTH = 20;
    /** No look-alikes (0/O, 1/l/I), so it can be typed from a printout. */
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int DEFAULT_CAPACITY = 2;
    private static final System.Logger LOG = System.getLogger(FirstLeadBootstrap.class.getName());

    private FirstLeadBootstrap() {
    }

    /**
     * Creates the first lead when the store has no accounts at all; otherwise does nothing.
     *
     * @return the account this call created and the file it wrote ({@code dataDir/first-lead-password.txt}), or
     *         {@link FirstLead#NONE}
     */
    public static Future<FirstLead> ensureLead(AccountStore store, PasswordHasher hasher, Path dataDir, Clock clock) {
        return store.accounts().compose(accounts -> accounts.isEmpty()
                ? createLead(store, hasher, dataDir, clock)
                : Future.succeededFuture(FirstLead.NONE));
    }

    private static Future<FirstLead> createLead(AccountStore store, PasswordHasher hasher, Path dataDir, Clock clock) {
        String password = randomPassword();
        Path file = dataDir.resolve(PASSWORD_FILE);
        // The directory is checked before the account exists: an account whose password could not be
        // written down would lock the program out.
        return hasher.vertx().<Void>executeBlocking(() -> {
                    checkWritable(dataDir);
                    return null;
                }, false)
                .compose(v -> hasher.hash(password))
                .map(hash -> Account.newMember(USERNAME, "Program lead", Role.LEAD, hash, true, DEFAULT_CAPACITY, clock.instant()))
                .compose(account -> store.saveFirstAccount(account).compose(created -> {
                    if (!created) {
                        LOG.log(System.Logger.Level.INFO,
                                "Another node created the first lead account ''{0}''; its password file is in that node''s data directory.",
                                USERNAME);
                        return Future.succeededFuture(FirstLead.NONE);
                    }
                    FirstLead lead = new FirstLead(account, file);
                    // An account whose password nobody can read would lock the program out: it goes again.
                    return writePasswordFile(hasher, file, password).map(lead)
                            .recover(e -> withdraw(lead, store, hasher.vertx()).transform(done -> Future.<FirstLead>failedFuture(e)));
                }));
    }

    /**
     * Takes back the first lead of a start that failed after making it: the account (only while nobody has changed
     * it, see {@link AccountStore#removeFirstAccount}) and its password file. Never fails: what cannot be taken back is
     * logged, and the start's own failure is what the operator needs to read.
     */
    public static Future<Void> withdraw(FirstLead lead, AccountStore store, Vertx vertx) {
        if (!lead.created()) return Future.succeededFuture();
        Path file = lead.passwordFile();
        return store.removeFirstAccount(lead.account())
                .compose(removed -> vertx.<Boolean>executeBlocking(() -> Files.deleteIfExists(file), false).map(removed))
                .onSuccess(removed -> LOG.log(System.Logger.Level.INFO, removed
                                ? "The start failed: took back the first lead account ''{0}'' and deleted {1}; the next start makes them anew."
                                : "The start failed: deleted {1}; the first lead account ''{0}'' had been changed since, so it stays.",
                        USERNAME, file.toAbsolutePath()))
                .<Void>mapEmpty()
                .recover(e -> {
                    LOG.log(System.Logger.Level.WARNING, "The start failed, and its first lead account ''{0}'' or {1} could not be"
                            + " taken back ({2}); delete the file by hand.", USERNAME, file.toAbsolutePath(), e.getClass().getSimpleName());
                    return Future.succeededFuture();
                });
    }

    private static Future<Void> writePasswordFile(PasswordHasher hasher, Path file, String password) {
        return hasher.vertx().<Void>executeBlocking(() -> {
                    writeOwnerOnly(file, password + "\n");
                    return null;
                }, false)
                .onSuccess(v -> LOG.log(System.Logger.Level.WARNING,
                        "Created the first lead account ''{0}''; its password is in {1}. Sign in and choose your own password; the hub then deletes that file.",
                        USERNAME, file.toAbsolutePath()))
                .recover(e -> Future.failedFuture(new IllegalStateException("the first lead account '" + USERNAME
                        + "' was not kept: its password could not be written to " + file.toAbsolutePath() + " (" + e.getMessage()
                        + "); the next start makes it again, or create a lead with: hearth-hub user add --role lead --username NAME"
                        + " --password-stdin", e)));
    }

    /** Whether the first lead's password file is still in the data directory (a stat: cheap enough for a page). */
    public static boolean passwordFileExists(Path dataDir) {
        return Files.exists(dataDir.resolve(PASSWORD_FILE));
    }

    /**
     * The first lead chose its own password: the one in the file is worthless now, and a stale copy of a
     * credential should not lie around. Runs on a worker; a failure is logged (the page notice stays).
     */
    public static Future<Void> forgetPasswordFile(PasswordHasher hasher, Path dataDir, String username) {
        if (!USERNAME.equals(username)) return Future.succeededFuture();
        Path file = dataDir.resolve(PASSWORD_FILE);
        return hasher.vertx().<Void>executeBlocking(() -> {
            if (Files.deleteIfExists(file)) {
                LOG.log(System.Logger.Level.INFO, "The first lead ''{0}'' chose a new password; deleted {1}.",
                        USERNAME, file.toAbsolutePath());
            }
            return null;
        }, false).recover(e -> {
            LOG.log(System.Logger.Level.WARNING, "Could not delete {0} ({1}); delete it by hand.", file.toAbsolutePath(), e.getMessage());
            return Future.succeededFuture();
        });
    }

    private static void checkWritable(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) throw new IOException("the data directory " + dir.toAbsolutePath() + " is not writable");
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }

    /** Created with owner-only permissions from the start, so there is no moment when others could read it. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            file.toFile().setWritable(false, false);
            file.toFile().setWritable(true, true);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
