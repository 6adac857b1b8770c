package org.hearthhub.video;

/**
 * One offer of a video call for a conversation: where the room is and a token for each side.
 *
 * @param room the room as the Jitsi IFrame API names it ({@code roomName}); with JaaS it starts with the tenant
 * @param url  {@code https://domain/room}, for opening the call in a tab of its own (add {@code ?jwt=})
 */
public record VideoOffer(String conversation, String domain, String room, String url, String advocateJwt,
                         String survivorJwt) {

    @Override
    public String toString() {
        // Tokens are secrets: keep them out of any log line that prints a record.
        return "VideoOffer[conversation=" + conversation + ", domain=" + domain + "]";
    }
}
