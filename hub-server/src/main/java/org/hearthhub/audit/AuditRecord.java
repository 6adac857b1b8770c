package org.hearthhub.audit;

import java.time.Instant;

/**
 * What happened, without content: who (an {@link org.hearthhub.actor.Actor} as {@code Actor.encode} writes it:
 * a staff username, {@code system}, or {@code staff:<username>} for an account that holds a reserved name),
 * what (an action name such as "conversation.accept"), on what (an opaque id or a settings section), and when.
 */
public record AuditRecord(Instant at, String actor, String action, String target, String detail) {
}
