package org.hearthhub.config;

import java.nio.file.Path;
import java.util.List;

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
        Network network,
        Live live,
        Settings settings,
        Retention retention,
        Queue queue,
        Auth auth,
        Limits limits,
        Twilio twilio,
        Jitsi jitsi,
        Metrics metrics,
        Voice voice) {

    /** Without the hotline (voice off): for code from before it existed. */
    public HubConfig(int port, String host, Path dataDir, String publicUrl, String programId, Network network, Live live,
                     Settings settings, Retention retention, Queue queue, Auth auth, Limits limits, Twilio twilio, Jitsi jitsi,
                     Metrics metrics) {
        this(port, host, dataDir, publicUrl, programId, network, live, settings, retention, queue, auth, limits, twilio, jitsi,
                metrics, Voice.OFF);
    }

    /** {@code server.publicUrl} when none is given. */
    public static String defaultPublicUrl(int port) {
        return "http://localhost:" + port;
    }

    /**
     * The configuration of a hub asked for port 0 that got {@code actualPort}: the port, and the public URL when it
     * is the default, name the port it got. Any other configuration is returned as it is.
     */
    public HubConfig listeningOn(int actualPort) {
        if (port != 0) return this;
        String url = publicUrl.equals(defaultPublicUrl(0)) ? defaultPublicUrl(actualPort) : publicUrl;
        return new HubConfig(actualPort, host, dataDir, url, programId, network, live, settings, retention, queue, auth, limits,
                twilio, jitsi, metrics, voice);
    }

    /** Without the abuse-resistance knobs (their defaults): for tests that name only the older sections. */
    public HubConfig(int port, String host, Path dataDir, String publicUrl, String programId, Live live, Settings settings,
                     Retention retention, Queue queue, Auth auth, Limits limits, Twilio twilio, Jitsi jitsi) {
        this(port, host, dataDir, publicUrl, programId, Network.DEFAULTS, live, settings, retention, queue, auth, limits,
                twilio, jitsi, new Metrics(null));
    }

    /**
     * @param trustedProxies     addresses or CIDR blocks (e.g. {@code 127.0.0.1, 10.0.0.0/8}) of reverse proxies whose
     *                           {@code X-Forwarded-For} is believed; empty = the peer address is the client
     * @param idleTimeoutSeconds a connection (HTTP, or a socket that stops answering pings) with no traffic this long is closed
     * @param eventLoops         event loops serving HTTP and WebSockets (one server verticle each); always at least 1
     * @param portFile           where the hub writes the port it listens on once it does (a launcher's or a health
     *                           check's to read); null = nowhere
     */
    public record Network(java.util.List<String> trustedProxies, int idleTimeoutSeconds, int eventLoops, Path portFile) {
        public static final Network DEFAULTS = new Network(java.util.List.of(), 60, cores());

        public Network(java.util.List<String> trustedProxies, int idleTimeoutSeconds) {
            this(trustedProxies, idleTimeoutSeconds, cores());
        }

        /** Without a port file. */
        public Network(java.util.List<String> trustedProxies, int idleTimeoutSeconds, int eventLoops) {
            this(trustedProxies, idleTimeoutSeconds, eventLoops, null);
        }

        /** {@code server.eventLoops: 0}, the default, means one per core. */
        public static int cores() {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /** @param token bearer token that {@code GET /metrics} requires; null = /metrics is off */
    public record Metrics(String token) {
    }

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
    public record Retention(int maxConversationHours, int idleTimeoutMinutes, int auditDays, int feedbackMinutes,
                            int auditMaxMegabytes) {
        public static final int DEFAULT_AUDIT_MAX_MEGABYTES = 64;

        public Retention(int maxConversationHours, int idleTimeoutMinutes, int auditDays, int feedbackMinutes) {
            this(maxConversationHours, idleTimeoutMinutes, auditDays, feedbackMinutes, DEFAULT_AUDIT_MAX_MEGABYTES);
        }
    }

    /**
     * @param maxLength           queue cap; a survivor beyond it is told {@code queue_full}
     * @param languageFirstSeconds how long a conversation is offered only to advocates speaking its language
     * @param defaultCapacity     chats an advocate holds at once unless they choose otherwise
     * @param maxCapacity         the most an advocate may choose
     * @param awayGraceSeconds    a queued survivor whose socket closed leaves the queue this long after, unless they resume
     */
    public record Queue(int maxLength, int languageFirstSeconds, int defaultCapacity, int maxCapacity, int awayGraceSeconds) {
        public static final int DEFAULT_AWAY_GRACE_SECONDS = 120;

        public Queue(int maxLength, int languageFirstSeconds, int defaultCapacity, int maxCapacity) {
            this(maxLength, languageFirstSeconds, defaultCapacity, maxCapacity, DEFAULT_AWAY_GRACE_SECONDS);
        }
    }

    /**
     * @param sessionIdleMinutes  a console session ends after this long without a request
     * @param maxFailedLogins     failures within {@code lockoutMinutes} before the account is locked
     * @param lockoutMinutes      how long a lockout lasts
     * @param sessionMaxHours     a console session ends this long after sign-in, however active
     * @param hashesPerSource     password checks one source may have in flight at once
     * @param hashQueue           password checks waiting for the hashing pool, all sources together
     * @param maxUnknownDeviceFailures failed sign-ins at one account within {@code lockoutMinutes}, from devices it has
     *                            not signed in on (no valid device cookie), from every source together, before such
     *                            devices are refused for it until the window ends; null: 3 × {@code maxFailedLogins}
     */
    public record Auth(int sessionIdleMinutes, int maxFailedLogins, int lockoutMinutes, boolean secureCookies,
                       int sessionMaxHours, int hashesPerSource, int hashQueue, int maxUnknownDeviceFailures) {
        public static final int DEFAULT_SESSION_MAX_HOURS = 16;
        /** What {@code maxUnknownDeviceFailures} is, unless set: so many times {@code maxFailedLogins}. */
        public static final int UNKNOWN_DEVICE_FAILURES_PER_MAX = 3;

        public Auth(int sessionIdleMinutes, int maxFailedLogins, int lockoutMinutes, boolean secureCookies,
                    int sessionMaxHours, int hashesPerSource, int hashQueue, Integer maxUnknownDeviceFailures) {
            this(sessionIdleMinutes, maxFailedLogins, lockoutMinutes, secureCookies, sessionMaxHours, hashesPerSource, hashQueue,
                    maxUnknownDeviceFailures != null ? maxUnknownDeviceFailures.intValue() : UNKNOWN_DEVICE_FAILURES_PER_MAX * maxFailedLogins);
        }

        public Auth(int sessionIdleMinutes, int maxFailedLogins, int lockoutMinutes, boolean secureCookies,
                    int sessionMaxHours, int hashesPerSource, int hashQueue) {
            this(sessionIdleMinutes, maxFailedLogins, lockoutMinutes, secureCookies, sessionMaxHours, hashesPerSource, hashQueue, null);
        }

        public Auth(int sessionIdleMinutes, int maxFailedLogins, int lockoutMinutes, boolean secureCookies) {
            this(sessionIdleMinutes, maxFailedLogins, lockoutMinutes, secureCookies, DEFAULT_SESSION_MAX_HOURS, 2, 32);
        }
    }

    /**
     * @param maxFrameBytes         WebSocket frames larger than this are refused with {@code too_large}
     * @param survivorMessagesPerMinute per conversation
     * @param startsPerMinute       new web conversations per hub per minute before the surge guard asks
     *                              repeat sources for a proof of work
     * @param socketStartSeconds    a survivor socket that sends neither start nor resume this long is closed
     * @param connectionsPerSource  open connections one source may hold
     * @param queuedPerSource       queued conversations one source holds before a start costs a proof of work
     * @param maxQueuedPerSource    queued conversations one source holds before starts are refused (with referrals)
     * @param challengeBits         leading zero bits the proof of work asks for (each bit doubles its cost)
     * @param transcriptMessages    a live conversation keeps at most its newest this many messages
     * @param transcriptChars       and at most this many characters of their text: the memory one live chat can hold
     * @param unsentBytesPerSocket  the most bytes the hub holds for one socket beyond what the kernel has taken; a
     *                              socket past it has stopped reading and is closed
     * @param socketsPerChat        survivor sockets one chat may have open on a node; a resume past it closes the
     *                              oldest (a resume token is all a socket needs, so without a cap one token could
     *                              hold any number of sockets, each fed the chat)
     * @param resumesPerMinute      resumes one chat may have in a minute, on all nodes together; past it a resume's
     *                              socket is closed (1013) and the client tries again later (each resume writes the
     *                              chat's kept messages again, so without a limit one token asks for them over and over)
     * @param consolesPerAccount    consoles one account may have open for a program on a node; one more closes the
     *                              oldest (each console is fed the queue and its chats: without a cap one signed-in
     *                              account, stolen say, could open any number from many addresses)
     */
    public record Limits(int maxFrameBytes, int survivorMessagesPerMinute, int startsPerMinute, int socketStartSeconds,
                         int connectionsPerSource, int queuedPerSource, int maxQueuedPerSource, int challengeBits,
                         int transcriptMessages, int transcriptChars, int unsentBytesPerSocket, int socketsPerChat,
                         int resumesPerMinute, int consolesPerAccount) {
        public static final int DEFAULT_TRANSCRIPT_MESSAGES = 1000;
        public static final int DEFAULT_TRANSCRIPT_CHARS = 100_000;
        /** A console's catch-up of five full default transcripts, at most ~2.3 MB, fits with room to spare. */
        public static final int DEFAULT_UNSENT_BYTES_PER_SOCKET = 4 << 20;
        /** A reload or a changed network leaves the old socket open a while: room for two of those, and the new one. */
        public static final int DEFAULT_SOCKETS_PER_CHAT = 3;
        /** A widget backs off to one try in 8 s (7.5 a minute) while refused: a flapping network stays well under. */
        public static final int DEFAULT_RESUMES_PER_MINUTE = 20;
        /** An advocate's tabs and windows, and a reload's lingering socket, with room to spare. */
        public static final int DEFAULT_CONSOLES_PER_ACCOUNT = 10;

        /** With the default bounds on what waits for a socket, a chat's sockets and its resumes. */
        public Limits(int maxFrameBytes, int survivorMessagesPerMinute, int startsPerMinute, int socketStartSeconds,
                      int connectionsPerSource, int queuedPerSource, int maxQueuedPerSource, int challengeBits,
                      int transcriptMessages, int transcriptChars) {
            this(maxFrameBytes, survivorMessagesPerMinute, startsPerMinute, socketStartSeconds, connectionsPerSource,
                    queuedPerSource, maxQueuedPerSource, challengeBits, transcriptMessages, transcriptChars,
                    DEFAULT_UNSENT_BYTES_PER_SOCKET, DEFAULT_SOCKETS_PER_CHAT, DEFAULT_RESUMES_PER_MINUTE,
                    DEFAULT_CONSOLES_PER_ACCOUNT);
        }

        public Limits(int maxFrameBytes, int survivorMessagesPerMinute, int startsPerMinute) {
            this(maxFrameBytes, survivorMessagesPerMinute, startsPerMinute, 20, 30, 3, 10, 16);
        }

        /** With the default transcript budget. */
        public Limits(int maxFrameBytes, int survivorMessagesPerMinute, int startsPerMinute, int socketStartSeconds,
                      int connectionsPerSource, int queuedPerSource, int maxQueuedPerSource, int challengeBits) {
            this(maxFrameBytes, survivorMessagesPerMinute, startsPerMinute, socketStartSeconds, connectionsPerSource,
                    queuedPerSource, maxQueuedPerSource, challengeBits, DEFAULT_TRANSCRIPT_MESSAGES, DEFAULT_TRANSCRIPT_CHARS);
        }
    }

    /**
     * @param from           the program's number (E.164) or a messaging service SID ("MG…")
     * @param apiBase        where the REST API is reached; null = Twilio's own (tests point it at a local fake)
     * @param timeoutSeconds connect and response timeout of one call to the REST API
     * @param hmacKeyFile    key for the keyed hash that finds a texter's conversation; null = generated
     *                       into the data directory on first use (several nodes must share one key)
     * @param retryDelaysMillis the pauses before each retry of a request Twilio certainly did not take (texts and
     *                       calls alike); their number is the number of retries
     * @param autoReplies    the caps on the texts the hub sends on its own in answer to texts
     */
    public record Twilio(String accountSid, String authToken, String apiKeySid, String apiKeySecret,
                         String from, String apiBase, int timeoutSeconds, Path hmacKeyFile, List<Long> retryDelaysMillis,
                         AutoReplyCaps autoReplies) {
        /** Production's pauses between attempts: 0.25 s, 1 s, 2.5 s (docs/sms.md, docs/voice.md). */
        public static final List<Long> RETRY_DELAYS_MILLIS = List.of(250L, 1_000L, 2_500L);

        public Twilio {
            retryDelaysMillis = List.copyOf(retryDelaysMillis);
        }

        /** With the default caps on automatic replies. */
        public Twilio(String accountSid, String authToken, String apiKeySid, String apiKeySecret, String from, String apiBase,
                      int timeoutSeconds, Path hmacKeyFile, List<Long> retryDelaysMillis) {
            this(accountSid, authToken, apiKeySid, apiKeySecret, from, apiBase, timeoutSeconds, hmacKeyFile, retryDelaysMillis,
                    AutoReplyCaps.DEFAULT);
        }

        /** Without the SMS-only knobs (their defaults), for code that only names the credentials. */
        public Twilio(String accountSid, String authToken, String apiKeySid, String apiKeySecret, String from, String apiBase) {
            this(accountSid, authToken, apiKeySid, apiKeySecret, from, apiBase, 10, null, RETRY_DELAYS_MILLIS);
        }

        public boolean enabled() {
            return accountSid != null && from != null && (authToken != null || apiKeySecret != null);
        }
    }

    /**
     * The texts the hub sends on its own in answer to texts (docs/sms.md, "What the hub texts on its own, and its caps").
     *
     * @param perNumberHour automatic replies one number (per program) gets an hour
     * @param perNumberDay  and a day
     * @param hubHour       automatic replies the whole hub sends an hour, all programs and numbers together
     */
    public record AutoReplyCaps(int perNumberHour, int perNumberDay, int hubHour) {
        /**
         * A texter in earnest gets a handful (the place in line, HELP, a language switch, a rate-limit notice); a busy
         * coalition hub sends a few hundred first replies on its busiest hour, far from the hub-wide cap.
         */
        public static final AutoReplyCaps DEFAULT = new AutoReplyCaps(10, 30, 1_000);
    }

    /**
     * The phone hotline through Twilio Voice (docs/voice.md); on when {@code number} is set and Twilio is configured.
     *
     * @param number          the hotline's Twilio number (E.164): callers dial it, and advocates' phones see it as caller ID
     * @param holdMusicUrl    audio played to callers waiting in the queue between position announcements; null = quiet pauses
     * @param chatUrl         the program's page with the chat widget, read out when the line is closed; null = not mentioned
     * @param ringSeconds     how long an advocate's phone rings before the call goes back to the queue
     * @param announceSeconds without hold music, how long a waiting caller hears silence between position announcements
     * @param forgetCallsSeconds this long after a call ends, the hub deletes its records (both legs) from Twilio's call
     *                        log; 0 = leave them
     * @param maxWithheldCalls calls from withheld numbers a program's line queues or connects at once: with no number to
     *                        hold one call each by, they share this many places (a further one hears the full line's answer)
     */
    public record Voice(String number, String holdMusicUrl, String chatUrl, int ringSeconds, int announceSeconds,
                        int forgetCallsSeconds, int maxWithheldCalls) {
        public static final int DEFAULT_MAX_WITHHELD_CALLS = 10;
        public static final Voice OFF = new Voice(null, null, null, 20, 45, 300, DEFAULT_MAX_WITHHELD_CALLS);

        public boolean configured() {
            return number != null;
        }
    }

    public record Jitsi(String domain, String appId, String appSecret, String jaasKeyId, String jaasPrivateKeyFile,
                        String jaasTenant, int tokenMinutes) {
        public boolean enabled() {
            return domain != null && ((appId != null && appSecret != null) || (jaasKeyId != null && jaasPrivateKeyFile != null));
        }
    }
}
