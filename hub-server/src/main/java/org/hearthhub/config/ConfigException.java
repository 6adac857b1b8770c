package org.hearthhub.config;

/** A configuration problem; the message names the option and says what is expected. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
