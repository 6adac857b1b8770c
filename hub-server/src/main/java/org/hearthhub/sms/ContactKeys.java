package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Turns a phone number into the keyed hash (HMAC-SHA256) under which the live store finds its
 * conversation, remembers a block or an opt-out. Without the key the hashes cannot be tested against
 * guessed numbers, which a plain hash of a 10-digit number could.
 *
 * <p>The key is a file: the one named by {@code sms.hmacKeyFile}, or {@code sms-hmac.key} in the data
 * directory, created owner-only on first use. Several nodes must share one key.
 */
public final class ContactKeys {
    private static final Logger LOG = Logger.getLogger(ContactKeys.class.getName());
    public static final String DEFAULT_FILE = "sms-hmac.key";
    static final int MIN_KEY_CHARS = 32;

    private final SecretKeySpec key;

    ContactKeys(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Reads the configured key file, or reads or creates the default one (file I/O on a worker thread). */
    public static Future<ContactKeys> load(Vertx vertx, Path configuredFile, Path dataDir) {
        return vertx.executeBlocking(() -> configuredFile != null ? read(configuredFile) : readOrCreate(dataDir.resolve(DEFAULT_FILE)), false);
    }

    /** The hex HMAC of a number; computing one costs microseconds, so it runs on the caller's thread. */
    public String of(String number) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalize(number).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** "+1 (555) 010-2030" and "+15550102030" are one texter. */
    public static String normalize(String number) {
        return number == null ? "" : number.replaceAll("[\\s().-]", "");
    }

    private static ContactKeys read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("sms.hmacKeyFile " + file + " does not exist (create it with: openssl rand -base64 48 > " + file + ")");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (text.length() < MIN_KEY_CHARS) {
            throw new IOException("SMS HMAC key in " + file + " is too short: use at least " + MIN_KEY_CHARS + " characters");
        }
        warnIfReadableByOthers(file);
        return new ContactKeys(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ContactKeys readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) return read(file);
        byte[] random = new byte[48];
        new SecureRandom().nextBytes(random);
        String text = Base64.getEncoder().encodeToString(random);
        try (FileChannel ch = create(file)) {
            ch.write(ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            return read(file); // another node sharing the directory created it first
        }
        LOG.info("SMS: generated a new HMAC key in " + file.toAbsolutePath() + " (owner-only)");
        return new ContactKeys(text.getBytes(StandardCharsets.UTF_8));
    }

    private static FileChannel create(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        } catch (UnsupportedOperationException notPosix) {
            return FileChannel.open(file, options);
        }
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warning("SMS HMAC key file " + file + " is readable by other users; chmod 600 it");
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: nothing to check.
        }
    }
}
