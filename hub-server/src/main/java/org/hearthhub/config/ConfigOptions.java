package org.hearthhub.config;

import java.util.List;

import static org.hearthhub.config.ConfigOption.Type.*;

/** Every option the hub understands. Keep docs/configuration.md and ops/hearth.yaml in step with this list. */
final class ConfigOptions {
    private ConfigOptions() {
    }

    static final List<ConfigOption> ALL = List.of(
            // 0: any free port, which the hub reports once it listens (tests; the class archive run).
            opt("server.port", INT, "8080", 0, 65535),
            // Where the hub writes the port it listens on, once it does: launchers that ask for port 0 read it there.
            opt("server.portFile", PATH, null),
            opt("server.host", STRING, "0.0.0.0"),
            opt("server.dataDir", PATH, "./data"),
            opt("server.publicUrl", URL, null),
            opt("server.programId", STRING, "main"),
            opt("server.trustedProxies", STRING, null),
            opt("server.idleTimeoutSeconds", INT, "60", 5, 3600),
            opt("server.eventLoops", INT, "0", 0, 256),
            opt("live.redisUrl", REDIS_URL, null),
            opt("live.allowPersistence", BOOL, "false"),
            opt("settings.redisUrl", REDIS_URL, null),
            opt("settings.reloadSeconds", INT, "30", 1, 3600),
            opt("retention.maxConversationHours", INT, "12", 1, 72),
            opt("retention.idleTimeoutMinutes", INT, "30", 1, 720),
            opt("retention.auditDays", INT, "365", 1, 3650),
            opt("retention.feedbackMinutes", INT, "60", 1, 1440),
            opt("retention.auditMaxMegabytes", INT, "64", 1, 100000),
            opt("queue.maxLength", INT, "200", 1, 100000),
            opt("queue.languageFirstSeconds", INT, "60", 0, 3600),
            opt("queue.defaultCapacity", INT, "2", 1, 20),
            opt("queue.maxCapacity", INT, "5", 1, 20),
            opt("queue.awayGraceSeconds", INT, "120", 5, 3600),
            opt("auth.sessionIdleMinutes", INT, "30", 1, 1440),
            opt("auth.sessionMaxHours", INT, "16", 1, 168),
            opt("auth.maxFailedLogins", INT, "5", 1, 100),
            opt("auth.lockoutMinutes", INT, "15", 1, 1440),
            opt("auth.secureCookies", BOOL, null),
            opt("auth.hashesPerSource", INT, "2", 1, 64),
            opt("auth.hashQueue", INT, "32", 1, 10000),
            opt("auth.maxUnknownDeviceFailures", INT, null, 1, 10000),
            opt("limits.maxFrameBytes", INT, "16384", 1024, 1048576),
            opt("limits.survivorMessagesPerMinute", INT, "30", 1, 10000),
            opt("limits.startsPerMinute", INT, "120", 1, 1000000),
            opt("limits.socketStartSeconds", INT, "20", 2, 600),
            opt("limits.connectionsPerSource", INT, "30", 1, 100000),
            opt("limits.queuedPerSource", INT, "3", 1, 1000),
            opt("limits.maxQueuedPerSource", INT, "10", 1, 10000),
            opt("limits.challengeBits", INT, "16", 1, 30),
            // The chars floor is ConversationService.MAX_TEXT_CHARS: one message of the largest size always fits.
            opt("limits.transcriptMessages", INT, "1000", 50, 100000),
            opt("limits.transcriptChars", INT, "100000", 4000, 10000000),
            opt("limits.unsentBytesPerSocket", INT, "4194304", 65536, 1073741824),
            opt("limits.socketsPerChat", INT, "3", 1, 100),
            opt("limits.resumesPerMinute", INT, "20", 1, 10000),
            opt("limits.consolesPerAccount", INT, "10", 1, 1000),
            secret("metrics.token"),
            opt("twilio.accountSid", STRING, null),
            secret("twilio.authToken"),
            opt("twilio.apiKeySid", STRING, null),
            secret("twilio.apiKeySecret"),
            opt("twilio.from", STRING, null),
            opt("twilio.apiBase", URL, null),
            opt("twilio.timeoutSeconds", INT, "10", 1, 60),
            // Comma-separated milliseconds, 1 to 5 of them (ConfigLoader); tests shorten them.
            opt("twilio.retryDelaysMillis", STRING, HubConfig.Twilio.RETRY_DELAYS_MILLIS.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(","))),
            opt("sms.hmacKeyFile", PATH, null),
            opt("sms.autoRepliesPerNumberHour", INT, String.valueOf(HubConfig.AutoReplyCaps.DEFAULT.perNumberHour()), 1, 10000),
            opt("sms.autoRepliesPerNumberDay", INT, String.valueOf(HubConfig.AutoReplyCaps.DEFAULT.perNumberDay()), 1, 100000),
            opt("sms.autoRepliesHubHour", INT, String.valueOf(HubConfig.AutoReplyCaps.DEFAULT.hubHour()), 1, 10000000),
            opt("voice.number", STRING, null),
            opt("voice.holdMusicUrl", URL, null),
            opt("voice.chatUrl", URL, null),
            opt("voice.ringSeconds", INT, "20", 5, 60),
            opt("voice.announceSeconds", INT, "45", 15, 600),
            opt("voice.forgetCallsSeconds", INT, "300", 0, 86400),
            opt("voice.maxWithheldCalls", INT, String.valueOf(HubConfig.Voice.DEFAULT_MAX_WITHHELD_CALLS), 1, 1000),
            opt("jitsi.domain", STRING, null),
            opt("jitsi.appId", STRING, null),
            secret("jitsi.appSecret"),
            opt("jitsi.jaasKeyId", STRING, null),
            opt("jitsi.jaasPrivateKeyFile", PATH, null),
            opt("jitsi.jaasTenant", STRING, null),
            opt("jitsi.tokenMinutes", INT, "120", 1, 1440));

    private static ConfigOption opt(String path, ConfigOption.Type type, String def) {
        return new ConfigOption(path, type, def, null, null, false);
    }

    private static ConfigOption opt(String path, ConfigOption.Type type, String def, int min, int max) {
        return new ConfigOption(path, type, def, min, max, false);
    }

    private static ConfigOption secret(String path) {
        return new ConfigOption(path, STRING, null, null, null, true);
    }
}
