package org.hearthhub.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one definition of the audit hash chain, used by every store when appending and by
 * {@link AuditLog#verify} when checking. hash = hex SHA-256 over a canonical encoding of prevHash,
 * seq and the record's fields; each field is length-prefixed so no two field lists encode alike.
 */
public final class AuditHash {
    /** prevHash of the very first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    /** The entry that follows {@code previous} (null for the first entry of a new log). */
    public static AuditEntry next(AuditEntry previous, AuditRecord record) {
        long seq = previous == null ? 1 : previous.seq() + 1;
        String prevHash = previous == null ? GENESIS : previous.hash();
        return new AuditEntry(seq, record, prevHash, of(prevHash, seq, record));
    }

    public static String of(String prevHash, long seq, AuditRecord r) {
        StringBuilder canonical = new StringBuilder();
        for (Object field : new Object[]{prevHash, seq, r.at(), r.actor(), r.action(), r.target(), r.detail()}) {
            if (field == null) {
                canonical.append("~;");
            } else {
                String s = field.toString(); // Instant.toString is ISO-8601 UTC, one form per instant
                canonical.append(s.length()).append(':').append(s).append(';');
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
