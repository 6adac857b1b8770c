package org.hearthhub.audit;

import org.hearthhub.config.HubConfig;

/**
 * The audit log's size cap ({@code retention.auditMaxMegabytes}), in bytes of stored entries. Past it the
 * oldest entries are dropped first, down to 90 % of the cap so that a log at its cap is not rewritten on
 * every new entry; past 80 % leads are warned. One rule for every settings store.
 */
public record AuditCap(long maxBytes) {
    /** No cap: only the age limit prunes. */
    public static final AuditCap NONE = new AuditCap(Long.MAX_VALUE);
    public static final long MEGABYTE = 1024L * 1024L;

    public AuditCap {
        if (maxBytes < 1) throw new IllegalArgumentException("the audit cap must be positive (got " + maxBytes + ")");
    }

    public static AuditCap megabytes(int megabytes) {
        return new AuditCap(megabytes * MEGABYTE);
    }

    public static AuditCap of(HubConfig.Retention retention) {
        return megabytes(retention.auditMaxMegabytes());
    }

    /** Bytes to drop, oldest first, from a log of this size: none up to the cap; past it, enough to get back to 90 %. */
    public long excess(long size) {
        return size <= maxBytes ? 0 : size - maxBytes / 10 * 9;
    }

    /** Past 80 % of the cap. */
    public boolean nearlyFull(long size) {
        return size > maxBytes / 5 * 4;
    }
}
