package org.hearthhub.video;

/**
 * Who a video token admits: the name Jitsi shows and whether they moderate the room. Deliberately
 * nothing else: a survivor's token must not carry anything about them.
 */
public record Participant(String displayName, boolean moderator) {
}
