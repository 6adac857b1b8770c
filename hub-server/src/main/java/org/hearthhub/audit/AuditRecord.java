package org.hearthhub.audit;

import java.time.Instant;

/**
 * What happened, without content: who (a staff username or "system"), what (an action name such as
 * "conversation.accept"), on what (an opaque id or a settings section), and when.
 */
public record AuditRecord(Instant at, String actor, String action, String target, String detail) {
}
