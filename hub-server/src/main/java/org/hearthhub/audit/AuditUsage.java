package org.hearthhub.audit;

/** How much of its size cap the audit log uses, as the lead console shows it. */
public record AuditUsage(long bytes, AuditCap cap) {
    public int percent() {
        return (int) Math.min(100, bytes * 100 / cap.maxBytes());
    }

    /** Past 80 %: leads see a warning that, past the cap, the oldest entries are dropped first. */
    public boolean nearlyFull() {
        return cap.nearlyFull(bytes);
    }

    public double megabytes() {
        return (double) bytes / AuditCap.MEGABYTE;
    }

    public long capMegabytes() {
        return cap.maxBytes() / AuditCap.MEGABYTE;
    }
}
