package org.hearthhub.redis;

/**
 * Redis did not answer: not connected, timed out, or refused the command. Sockets answer it with an
 * {@code unavailable} error frame; the message names the store and the cause, never a key or a value.
 */
public class RedisUnavailableException extends RuntimeException {
    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
