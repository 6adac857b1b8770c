package org.hearthhub.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.hearthhub.model.ProgramId;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.hearthhub.redis.RedisUrl;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the YAML file (optional), overlays HEARTH_* environment variables, validates every value and
 * builds {@link HubConfig}. A bad value throws {@link ConfigException} naming the option.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /**
     * The {@code HEARTH_*} variables in {@code env} that name no option, sorted: a misspelt one ({@code HEARTH_PUBLICURL})
     * is otherwise ignored without a word, and its option keeps its default. Names only: a value may be a secret.
     */
    public static List<String> unknownVariables(Map<String, String> env) {
        Set<String> known = new HashSet<>();
        for (ConfigOption o : ConfigOptions.ALL) known.add(o.envName());
        return env.keySet().stream().filter(k -> k.startsWith("HEARTH_") && !known.contains(k)).sorted().toList();
    }

    public static HubConfig load(Path file, Map<String, String> env) {
        Map<String, String> raw = new HashMap<>();
        if (file != null) {
            raw.putAll(readYaml(file));
        }
        for (ConfigOption o : ConfigOptions.ALL) {
            String v = env.get(o.envName());
            if (v != null && !v.isBlank()) raw.put(o.path(), v.trim());
        }
        Values v = new Values(raw);
        int port = v.integer("server.port");
        String publicUrl = v.baseUrl("server.publicUrl");
        if (publicUrl == null) publicUrl = HubConfig.defaultPublicUrl(port);
        publicUrl = publicUrl.replaceAll("/+$", "");
        Boolean secure = v.bool("auth.secureCookies");
        HubConfig config = new HubConfig(
                port,
                v.string("server.host"),
                v.directory("server.dataDir"),
                publicUrl,
                v.programId("server.programId"),
                new HubConfig.Network(TrustedProxies.parse(v.string("server.trustedProxies"), Values.describe(v.option("server.trustedProxies"))),
                        v.integer("server.idleTimeoutSeconds"),
                        v.integer("server.eventLoops") == 0 ? HubConfig.Network.cores() : v.integer("server.eventLoops"),
                        v.fileInExistingDirectory("server.portFile")),
                new HubConfig.Live(v.string("live.redisUrl"), v.bool("live.allowPersistence")),
                new HubConfig.Settings(v.string("settings.redisUrl"), v.integer("settings.reloadSeconds")),
                new HubConfig.Retention(v.integer("retention.maxConversationHours"), v.integer("retention.idleTimeoutMinutes"),
                        v.integer("retention.auditDays"), v.integer("retention.feedbackMinutes"), v.integer("retention.auditMaxMegabytes")),
                new HubConfig.Queue(v.integer("queue.maxLength"), v.integer("queue.languageFirstSeconds"),
                        v.integer("queue.defaultCapacity"), v.integer("queue.maxCapacity"), v.integer("queue.awayGraceSeconds")),
                new HubConfig.Auth(v.integer("auth.sessionIdleMinutes"), v.integer("auth.maxFailedLogins"),
                        v.integer("auth.lockoutMinutes"), secure != null ? secure : publicUrl.regionMatches(true, 0, "https:", 0, 6),
                        v.integer("auth.sessionMaxHours"), v.integer("auth.hashesPerSource"), v.integer("auth.hashQueue"),
                        v.integerOrNull("auth.maxUnknownDeviceFailures")),
                new HubConfig.Limits(v.integer("limits.maxFrameBytes"), v.integer("limits.survivorMessagesPerMinute"),
                        v.integer("limits.startsPerMinute"), v.integer("limits.socketStartSeconds"),
                        v.integer("limits.connectionsPerSource"), v.integer("limits.queuedPerSource"),
                        v.integer("limits.maxQueuedPerSource"), v.integer("limits.challengeBits"),
                        v.integer("limits.transcriptMessages"), v.integer("limits.transcriptChars"),
                        v.integer("limits.unsentBytesPerSocket"),
                        v.integer("limits.socketsPerChat"), v.integer("limits.resumesPerMinute"),
                        v.integer("limits.consolesPerAccount")),
                new HubConfig.Twilio(v.string("twilio.accountSid"), v.string("twilio.authToken"), v.string("twilio.apiKeySid"),
                        v.string("twilio.apiKeySecret"), v.string("twilio.from"), v.string("twilio.apiBase"),
                        v.integer("twilio.timeoutSeconds"), v.path("sms.hmacKeyFile"), v.millisList("twilio.retryDelaysMillis"),
                        new HubConfig.AutoReplyCaps(v.integer("sms.autoRepliesPerNumberHour"), v.integer("sms.autoRepliesPerNumberDay"),
                                v.integer("sms.autoRepliesHubHour"))),
                new HubConfig.Jitsi(v.string("jitsi.domain"), v.string("jitsi.appId"), v.string("jitsi.appSecret"),
                        v.string("jitsi.jaasKeyId"), pathText(v.path("jitsi.jaasPrivateKeyFile")), v.string("jitsi.jaasTenant"),
                        v.integer("jitsi.tokenMinutes")),
                new HubConfig.Metrics(v.string("metrics.token")),
                new HubConfig.Voice(v.string("voice.number"), v.webUrl("voice.holdMusicUrl"), v.webUrl("voice.chatUrl"),
                        v.integer("voice.ringSeconds"), v.integer("voice.announceSeconds"), v.integer("voice.forgetCallsSeconds"),
                        v.integer("voice.maxWithheldCalls")));
        if (config.voice().number() != null && !config.voice().number().matches(E164)) {
            throw new ConfigException(Values.describe(v.option("voice.number")) + " must be a phone number in E.164 form, such as +15550100200");
        }
        if (config.metrics().token() != null && config.metrics().token().length() < 16) {
            throw new ConfigException(Values.describe(v.option("metrics.token")) + " must be at least 16 characters");
        }
        if (config.limits().queuedPerSource() > config.limits().maxQueuedPerSource()) {
            throw new ConfigException(Values.describe(v.option("limits.queuedPerSource")) + " (" + config.limits().queuedPerSource()
                    + ") must not exceed " + Values.describe(v.option("limits.maxQueuedPerSource")) + " ("
                    + config.limits().maxQueuedPerSource() + ")");
        }
        HubConfig.AutoReplyCaps autoReplies = config.twilio().autoReplies();
        if (autoReplies.perNumberHour() > autoReplies.perNumberDay()) {
            throw new ConfigException(Values.describe(v.option("sms.autoRepliesPerNumberHour")) + " (" + autoReplies.perNumberHour()
                    + ") must not exceed " + Values.describe(v.option("sms.autoRepliesPerNumberDay")) + " ("
                    + autoReplies.perNumberDay() + ")");
        }
        if (config.queue().defaultCapacity() > config.queue().maxCapacity()) {
            throw new ConfigException(Values.describe(v.option("queue.defaultCapacity")) + " (" + config.queue().defaultCapacity()
                    + ") must not exceed " + Values.describe(v.option("queue.maxCapacity")) + " (" + config.queue().maxCapacity() + ")");
        }
        return config;
    }

    /** A phone number as Twilio writes it: +, country code, up to 15 digits in all. */
    public static final String E164 = "\\+[1-9][0-9]{6,14}";

    private static String pathText(Path p) {
        return p == null ? null : p.toString();
    }

    private static Map<String, String> readYaml(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("cannot read config file " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ConfigException("cannot read config file " + file + ": permission denied");
        } catch (FileSystemException e) {
            throw new ConfigException("cannot read config file " + file + ": " + (e.getReason() != null ? e.getReason() : e.getMessage()));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> flat = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(bytes)) {
            JsonToken first = p.nextToken();
            // An empty file, or one whose every line is a comment (like the sample), means "all defaults".
            if (first != null && first != JsonToken.VALUE_NULL) {
                if (first != JsonToken.START_OBJECT) throw new ConfigException("config file " + file + " must be a YAML mapping");
                flatten("", p, flat, new HashSet<>(), file);
            }
            // A second document ("---") would otherwise be dropped without a word.
            if (p.nextToken() != null) {
                throw new ConfigException("config file " + file + " must hold one YAML document (another starts at line "
                        + p.currentLocation().getLineNr() + ")");
            }
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + yamlProblem(e));
        }
        Set<String> known = new TreeSet<>();
        ConfigOptions.ALL.forEach(o -> known.add(o.path()));
        for (String key : flat.keySet()) {
            if (!known.contains(key)) {
                throw new ConfigException("unknown option '" + key + "' in " + file + " (known: " + String.join(", ", known) + ")");
            }
        }
        return flat;
    }

    /**
     * Where and what the syntax error is, without the parser's own message: that quotes the lines around the error
     * and the whole file, and the file holds secrets (twilio.authToken, metrics.token…) while errors go to terminals
     * and the journal.
     */
    static String yamlProblem(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                String problem = m.getProblem() == null ? "" : m.getProblem().replaceAll("\\s+", " ").strip();
                return (problem.isEmpty() ? "" : problem + " ") + "(line " + (m.getProblemMark().getLine() + 1)
                        + ", column " + (m.getProblemMark().getColumn() + 1) + ")";
            }
        }
        if (e instanceof JsonProcessingException j && j.getLocation() != null) {
            return "at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
        }
        return e.getClass().getSimpleName();
    }

    /**
     * Reads the mapping {@code p} is in, to its end, into dotted keys. A key given twice (two {@code server:} sections,
     * or {@code server.port} next to {@code server: port:}) is refused: YAML parsers keep the last one, so the first
     * section's options would silently fall back to their defaults.
     */
    private static void flatten(String prefix, JsonParser p, Map<String, String> out, Set<String> seen, Path file) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = prefix.isEmpty() ? p.currentName() : prefix + "." + p.currentName();
            int line = p.currentLocation().getLineNr();
            if (!seen.add(key)) {
                throw new ConfigException("'" + key + "'" + env(key) + " is given twice in " + file + " (again at line " + line
                        + "); give each option once");
            }
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT) flatten(key, p, out, seen, file);
            else if (value == JsonToken.START_ARRAY) {
                throw new ConfigException("option '" + key + "'" + env(key) + " must be a single value, not a list");
            }
            else if (value != JsonToken.VALUE_NULL) out.put(key, scalar(p));
        }
        if (t != JsonToken.END_OBJECT) throw new IOException("unexpected " + t);
    }

    /**
     * A value as it is written in the file. YAML would read an unquoted {@code +15550100200} as the number 15550100200
     * (the phone number loses its plus), {@code 0123} as octal 83 and {@code 1e5} as 100000.0: a number, a token or a
     * secret would silently be another.
     */
    private static String scalar(JsonParser p) throws IOException {
        return p.getText();
    }

    private static String env(String key) {
        return ConfigOptions.ALL.stream().filter(o -> o.path().equals(key)).map(o -> " (" + o.envName() + ")").findFirst().orElse("");
    }

    /** Typed, validated access to the raw strings. */
    private record Values(Map<String, String> raw) {
        ConfigOption option(String path) {
            return ConfigOptions.ALL.stream().filter(o -> o.path().equals(path)).findFirst().orElseThrow();
        }

        private String rawOrDefault(ConfigOption o) {
            return raw.getOrDefault(o.path(), o.defaultValue());
        }

        String string(String path) {
            ConfigOption o = option(path);
            String s = rawOrDefault(o);
            if (s == null) return null;
            if (o.type() == ConfigOption.Type.URL) {
                try {
                    URI uri = new URI(s);
                    if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException();
                } catch (Exception e) {
                    throw new ConfigException(describe(o) + " must be an absolute URL such as https://chat.example.org "
                            + "(got '" + withoutCredentials(s) + "')");
                }
            }
            if (o.type() == ConfigOption.Type.REDIS_URL) {
                try {
                    RedisUrl.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(describe(o) + " " + e.getMessage() + " (got '" + withoutCredentials(s) + "')");
                }
            }
            return s;
        }

        /**
         * A URL as it may be shown in an error: whatever comes before an {@code @} may be a password
         * (redis://user:secret@host), and errors end up in logs and terminals.
         */
        static String withoutCredentials(String url) {
            int at = url.lastIndexOf('@');
            if (at < 0) return url;
            int scheme = url.indexOf("://");
            String prefix = scheme >= 0 && scheme < at ? url.substring(0, scheme + 3) : "";
            return prefix + "…@" + url.substring(at + 1);
        }

        /** An absolute http(s) URL: the hub's own address, from which browsers' Origins are checked. */
        String webUrl(String path) {
            String s = string(path);
            if (s != null && !s.regionMatches(true, 0, "http://", 0, 7) && !s.regionMatches(true, 0, "https://", 0, 8)) {
                throw new ConfigException(describe(option(path)) + " must start with https:// or http:// (got '" + withoutCredentials(s) + "')");
            }
            return s;
        }

        /**
         * The hub's own address: scheme, host and port, nothing more. The hub serves its pages, sockets and webhooks
         * at the root of it (a path would be dropped by every link and break Twilio's signatures), and a user:password
         * in it would be printed in the ready line and every page's links.
         */
        String baseUrl(String path) {
            String s = webUrl(path);
            if (s == null) return null;
            URI uri = URI.create(s);
            if (uri.getRawUserInfo() != null) {
                throw new ConfigException(describe(option(path)) + " must not hold a user name or password (got '" + withoutCredentials(s) + "')");
            }
            String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (!rawPath.matches("/*") || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new ConfigException(describe(option(path)) + " must be the hub's address without a path, query or fragment, "
                        + "such as https://chat.example.org (got '" + s + "'); the hub serves everything from the root");
            }
            return s;
        }

        Path path(String path) {
            String s = string(path);
            if (s == null) return null;
            try {
                return Path.of(s);
            } catch (InvalidPathException e) {
                throw new ConfigException(describe(option(path)) + " must be a file system path (got an unusable one: " + e.getReason() + ")");
            }
        }

        /**
         * A directory the hub creates if need be: a file in its place (or in place of a directory above it) is named
         * now, not found by the first write as a bare "FileAlreadyExistsException: ./data" after the start has begun.
         */
        Path directory(String path) {
            Path dir = path(path);
            if (dir == null) return null;
            for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p)) break;
                if (Files.exists(p)) {
                    throw new ConfigException(describe(option(path)) + " must be a directory, but " + p + " is a file");
                }
            }
            return dir;
        }

        /**
         * A file the hub will write: its directory must be there (the hub creates no directories for it), and
         * the path must not be a directory itself. Checked now, so a typo stops the start before the port opens.
         */
        Path fileInExistingDirectory(String path) {
            Path file = path(path);
            if (file == null) return null;
            Path dir = file.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new ConfigException(describe(option(path)) + " must be a file in an existing directory (no directory "
                        + dir + ")");
            }
            if (Files.isDirectory(file)) {
                throw new ConfigException(describe(option(path)) + " must be a file, not a directory (got " + file + ")");
            }
            return file;
        }

        String programId(String path) {
            String id = string(path);
            if (!ProgramId.isValid(id)) {
                throw new ConfigException(describe(option(path))
                        + " must be " + ProgramId.RULE + " (got '" + id + "')");
            }
            return id;
        }

        /** A whole number as {@link #integer} does, or null for an option with no default that is not set. */
        Integer integerOrNull(String path) {
            return rawOrDefault(option(path)) == null ? null : integer(path);
        }

        int integer(String path) {
            ConfigOption o = option(path);
            String s = rawOrDefault(o);
            int n;
            try {
                n = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(describe(o) + " must be a whole number (got '" + s + "')");
            }
            if ((o.min() != null && n < o.min()) || (o.max() != null && n > o.max())) {
                throw new ConfigException(describe(o) + " must be between " + o.min() + " and " + o.max() + " (got " + n + ")");
            }
            return n;
        }

        /** Comma-separated pauses: {@value #MAX_PAUSES} at most, each 1 to {@value #MAX_PAUSE_MILLIS} ms. */
        List<Long> millisList(String path) {
            ConfigOption o = option(path);
            String s = rawOrDefault(o);
            String[] parts = s.split(",", -1);
            if (parts.length > MAX_PAUSES) {
                throw new ConfigException(describe(o) + " must list at most " + MAX_PAUSES + " pauses (got " + parts.length + ")");
            }
            List<Long> out = new ArrayList<>(parts.length);
            for (String part : parts) {
                long ms;
                try {
                    ms = Long.parseLong(part.trim());
                } catch (NumberFormatException e) {
                    throw new ConfigException(describe(o) + " must be whole numbers of milliseconds separated by commas, "
                            + "such as 250,1000,2500 (got '" + s + "')");
                }
                if (ms < 1 || ms > MAX_PAUSE_MILLIS) {
                    throw new ConfigException(describe(o) + " must list pauses between 1 and " + MAX_PAUSE_MILLIS + " ms (got " + ms + ")");
                }
                out.add(ms);
            }
            return List.copyOf(out);
        }

        static final int MAX_PAUSES = 5;
        static final long MAX_PAUSE_MILLIS = 60_000;

        Boolean bool(String path) {
            ConfigOption o = option(path);
            String s = rawOrDefault(o);
            if (s == null) return null;
            return switch (s.trim().toLowerCase()) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new ConfigException(describe(o) + " must be true or false (got '" + s + "')");
            };
        }

        static String describe(ConfigOption o) {
            return "option " + o.path() + " (" + o.envName() + ")";
        }
    }
}
