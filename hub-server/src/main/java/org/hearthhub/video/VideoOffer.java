package org.hearthhub.video;

/**
 * One offer of a call for a conversation: where the room is, a token for each side, and whether it is a
 * video or a voice call (how both sides join the room).
 *
 * @param room the room as the Jitsi IFrame API names it ({@code roomName}); with JaaS it starts with the tenant
 * @param url  {@code https://domain/room}, for opening the call in a tab of its own (add {@code ?jwt=})
 */
public record VideoOffer(String conversation, String domain, String room, String url, String advocateJwt,
                         String survivorJwt, CallMedia media) {

    @Override
    public String toString() {
        // Tokens are secrets: keep them out of any log line that prints a record.
        return "VideoOffer[conversation=" + conversation + ", domain=" + domain + ", media=" + media + "]";
    }
}
