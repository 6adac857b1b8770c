package org.hearthhub.live;

import org.hearthhub.model.ChatMessage;

/** The stored message, and whether it had been stored before under the same clientId. */
public record AppendResult(ChatMessage message, boolean duplicate) {
}
