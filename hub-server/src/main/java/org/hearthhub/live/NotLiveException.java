package org.hearthhub.live;

public class NotLiveException extends RuntimeException {
    public NotLiveException(String conversationId) {
        super("conversation is not live", null, false, false);
    }
}
