package org.hearthhub.model;

import java.time.Instant;

/** One message of a live transcript. Lives only in the live store and dies with its conversation. */
public record ChatMessage(long seq, Sender from, String text, Instant at, String clientId) {
}
