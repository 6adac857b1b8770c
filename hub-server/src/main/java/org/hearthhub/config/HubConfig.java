package org.hearthhub.config;

import java.nio.file.Path;

/**
 * The hub's configuration, loaded once at start from the YAML file and HEARTH_* environment
 * variables by {@link ConfigLoader}. Every option is documented in docs/configuration.md.
 */
public record HubConfig(
        int port,
        String host,
        Path dataDir,
        String publicUrl,
        String programId,
        Live live,
        Settings settings,
        Retention retention,
        Queue queue,
        Auth auth,
        Limits limits,
        Twilio twilio,
        Jitsi jitsi) {

    public record Live(String redisUrl, boolean allowPersistence) {
    }

    /**
     * @param redisUrl      the shared settings Redis; null = files under the data directory
     * @param reloadSeconds with a settings Redis, how often a node re-reads the settings even without a
     *                      change notice (the safety net for a notice lost while disconnected)
     */
    public record Settings(String redisUrl, int reloadSeconds) {
        public static final int DEFAULT_RELOAD_SECONDS = 30;

        /** With the default safety-net poll. */
        public Settings(String redisUrl) {
            this(redisUrl, DEFAULT_RELOAD_SECONDS);
        }
    }

    /** Defaults and hard caps; a lead may set shorter limits in the console, never longer. */
    public record Retention(int maxConversationHours, int idleTimeoutMinutes, int auditDays, int feedbackMinutes) {
    }

    /**
     * @param maxLength           queue cap; a survivor beyond it is told {@code queue_full}
     * @param languageFirstSeconds how long a conversation is offered only to advocates speaking its language
     * @param defaultCapacity     chats an advocate holds at once unless they choose otherwise
     * @param maxCapacity         the most an advocate may choose
     */
    public record Queue(int maxLength, int languageFirstSeconds, int defaultCapacity, int maxCapacity) {
    }

    /**
     * @param sessionIdleMinutes  a console session ends after this long without a request
     * @param maxFailedLogins     failures within {@code lockoutMinutes} before the account is locked
     * @param lockoutMinutes      how long a lockout lasts
     * @param sessionMaxHours     a console session ends this long after sign-in, however active
     */
    public record Auth(int sessionIdleMinutes, int maxFailedLogins, int lockoutMinutes, boolean secureCookies,
                       int sessionMaxHours) {
        public static final int DEFAULT_SESSION_MAX_HOURS = 16;

        public Auth(int sessionIdleMinutes, int maxFailedLogins, int lockoutMinutes, boolean secureCookies) {
            this(sessionIdleMinutes, maxFailedLogins, lockoutMinutes, secureCookies, DEFAULT_SESSION_MAX_HOURS);
        }
    }

    /**
     * @param maxFrameBytes         WebSocket frames larger than this are refused with {@code too_large}
     * @param survivorMessagesPerMinute per conversation
     * @param startsPerMinute       new web conversations per hub per minute (flood guard)
     */
    public record Limits(int maxFrameBytes, int survivorMessagesPerMinute, int startsPerMinute) {
    }

    /**
     * @param from           the program's number (E.164) or a messaging service SID ("MG…")
     * @param apiBase        where the REST API is reached; null = Twilio's own (tests point it at a local fake)
     * @param timeoutSeconds connect and response timeout of one call to the REST API
     * @param hmacKeyFile    key for the keyed hash that finds a texter's conversation; null = generated
     *                       into the data directory on first use (several nodes must share one key)
     */
    public record Twilio(String accountSid, String authToken, String apiKeySid, String apiKeySecret,
                         String from, String apiBase, int timeoutSeconds, Path hmacKeyFile) {

        /** Without the SMS-only knobs (their defaults), for code that only names the credentials. */
        public Twilio(String accountSid, String authToken, String apiKeySid, String apiKeySecret, String from, String apiBase) {
            this(accountSid, authToken, apiKeySid, apiKeySecret, from, apiBase, 10, null);
        }

        public boolean enabled() {
            return accountSid != null && from != null && (authToken != null || apiKeySecret != null);
        }
    }

    public record Jitsi(String domain, String appId, String appSecret, String jaasKeyId, String jaasPrivateKeyFile,
                        String jaasTenant, int tokenMinutes) {
        public boolean enabled() {
            return domain != null && ((appId != null && appSecret != null) || (jaasKeyId != null && jaasPrivateKeyFile != null));
        }
    }
}
