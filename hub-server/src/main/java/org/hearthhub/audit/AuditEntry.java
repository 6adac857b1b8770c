package org.hearthhub.audit;

/**
 * A stored audit record. {@code hash} = SHA-256 over {@code prevHash} and the record's fields, so that
 * removing or editing any entry breaks every hash after it.
 */
public record AuditEntry(long seq, AuditRecord record, String prevHash, String hash) {
}
