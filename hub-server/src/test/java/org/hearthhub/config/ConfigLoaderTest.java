package org.hearthhub.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One YAML file plus HEARTH_* variables, validated once; a bad value names the option and its variable. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path file = dir.resolve("hearth.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static void assertNamesOption(ConfigException e, String path, String env) {
        assertTrue(e.getMessage().contains(path), "names the option " + path + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(env), "names the variable " + env + ": " + e.getMessage());
    }

    private static ConfigException envFails(String env, String value) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(null, Map.of(env, value)), env + "=" + value);
    }

    @Test
    void noFileAndNoEnvironmentGiveTheEmbeddedDefault() {
        HubConfig c = ConfigLoader.load(null, Map.of());
        assertEquals(8080, c.port());
        assertEquals(Path.of("./data"), c.dataDir());
        assertEquals("http://localhost:8080", c.publicUrl());
        assertEquals("main", c.programId());
        assertNull(c.live().redisUrl(), "in-memory live state");
        assertNull(c.settings().redisUrl(), "settings in files");
        assertFalse(c.live().allowPersistence());
        assertEquals(12, c.retention().maxConversationHours());
        assertEquals(30, c.retention().idleTimeoutMinutes());
        assertEquals(16384, c.limits().maxFrameBytes());
        assertFalse(c.auth().secureCookies(), "plain http on localhost");
        assertFalse(c.twilio().enabled());
        assertFalse(c.jitsi().enabled());
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        HubConfig c = ConfigLoader.load(null, Map.of("PATH", "/usr/bin", "HOME", "/root", "PORT", "1"));
        assertEquals(8080, c.port());
    }

    @Test
    void emptyFileGivesTheEmbeddedDefault() throws IOException {
        assertEquals(ConfigLoader.load(null, Map.of()), ConfigLoader.load(yaml(""), Map.of()));
        assertEquals(ConfigLoader.load(null, Map.of()), ConfigLoader.load(yaml("# only comments\n"), Map.of()));
    }

    @Test
    void fileValuesAreRead() throws IOException {
        HubConfig c = ConfigLoader.load(yaml("""
                server:
                  port: 9090
                  dataDir: /var/lib/hearth
                  publicUrl: https://chat.example.org/
                  programId: county-dv
                queue:
                  maxLength: 50
                  defaultCapacity: 3
                auth:
                  secureCookies: false
                limits:
                  survivorMessagesPerMinute: 12
                live:
                  redisUrl: redis://10.0.0.5:6379/0
                twilio:
                  accountSid: AC123
                  authToken: secret
                  from: "+15550001111"
                """), Map.of());
        assertEquals(9090, c.port());
        assertEquals(Path.of("/var/lib/hearth"), c.dataDir());
        assertEquals("https://chat.example.org", c.publicUrl(), "a trailing slash is dropped");
        assertEquals("county-dv", c.programId());
        assertEquals(50, c.queue().maxLength());
        assertEquals(3, c.queue().defaultCapacity());
        assertFalse(c.auth().secureCookies(), "explicit false wins over the https default");
        assertEquals(12, c.limits().survivorMessagesPerMinute());
        assertEquals("redis://10.0.0.5:6379/0", c.live().redisUrl());
        assertTrue(c.twilio().enabled());
        assertEquals("+15550001111", c.twilio().from());
    }

    @Test
    void secureCookiesFollowAnHttpsPublicUrlUnlessSet() {
        assertTrue(ConfigLoader.load(null, Map.of("HEARTH_PUBLIC_URL", "https://chat.example.org")).auth().secureCookies());
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = yaml("""
                server:
                  port: 9090
                  dataDir: /from/file
                limits:
                  maxFrameBytes: 2048
                """);
        HubConfig c = ConfigLoader.load(file, Map.of(
                "HEARTH_PORT", "7070",
                "HEARTH_DATA_DIR", "/from/env",
                "HEARTH_PUBLIC_URL", "https://hub.example.net",
                "HEARTH_LIVE_REDIS_URL", "redis://cache:6379",
                "HEARTH_TWILIO_API_BASE", "http://127.0.0.1:9999",
                "HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE", "/keys/jaas.pem",
                "HEARTH_QUEUE_MAX_LENGTH", " 1 "));
        assertEquals(7070, c.port());
        assertEquals(Path.of("/from/env"), c.dataDir());
        assertEquals("https://hub.example.net", c.publicUrl());
        assertEquals("redis://cache:6379", c.live().redisUrl());
        assertEquals("http://127.0.0.1:9999", c.twilio().apiBase());
        assertEquals("/keys/jaas.pem", c.jitsi().jaasPrivateKeyFile());
        assertEquals(1, c.queue().maxLength(), "surrounding spaces are trimmed");
        assertEquals(2048, c.limits().maxFrameBytes(), "what the environment does not set still comes from the file");
    }

    @Test
    void blankEnvironmentValueDoesNotOverride() throws IOException {
        assertEquals(9090, ConfigLoader.load(yaml("server:\n  port: 9090\n"), Map.of("HEARTH_PORT", "  ")).port());
    }

    // ---- bad values: each names the option and its environment variable

    @Test
    void nonNumberNamesTheOption() throws IOException {
        assertNamesOption(envFails("HEARTH_PORT", "eighty"), "server.port", "HEARTH_PORT");
        assertNamesOption(envFails("HEARTH_QUEUE_MAX_LENGTH", "1.5"), "queue.maxLength", "HEARTH_QUEUE_MAX_LENGTH");
        assertNamesOption(envFails("HEARTH_LIMITS_MAX_FRAME_BYTES", "16k"), "limits.maxFrameBytes", "HEARTH_LIMITS_MAX_FRAME_BYTES");
        ConfigException fromFile = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(yaml("retention:\n  idleTimeoutMinutes: soon\n"), Map.of()));
        assertNamesOption(fromFile, "retention.idleTimeoutMinutes", "HEARTH_RETENTION_IDLE_TIMEOUT_MINUTES");
        assertTrue(fromFile.getMessage().contains("soon"), "shows the value it got");
    }

    @Test
    void outOfRangeNamesTheOptionAndTheRange() {
        ConfigException e = envFails("HEARTH_PORT", "70000");
        assertNamesOption(e, "server.port", "HEARTH_PORT");
        assertTrue(e.getMessage().contains("65535"), e.getMessage());
        assertNamesOption(envFails("HEARTH_LIMITS_MAX_FRAME_BYTES", "10"), "limits.maxFrameBytes", "HEARTH_LIMITS_MAX_FRAME_BYTES");
        assertNamesOption(envFails("HEARTH_RETENTION_MAX_CONVERSATION_HOURS", "1000"),
                "retention.maxConversationHours", "HEARTH_RETENTION_MAX_CONVERSATION_HOURS");
        assertNamesOption(envFails("HEARTH_QUEUE_MAX_LENGTH", "99999999999"), "queue.maxLength", "HEARTH_QUEUE_MAX_LENGTH");
    }

    @Test
    void theHotlinesPlacesForWithheldNumbersAreAtLeastOneAndAtMostAThousand() {
        assertEquals(HubConfig.Voice.DEFAULT_MAX_WITHHELD_CALLS, ConfigLoader.load(null, Map.of()).voice().maxWithheldCalls());
        assertEquals(3, ConfigLoader.load(null, Map.of("HEARTH_VOICE_MAX_WITHHELD_CALLS", "3")).voice().maxWithheldCalls());
        // None would turn away every caller who hides their number: a survivor must still reach the line.
        for (String bad : new String[]{"0", "-1", "1001", "ten", "2.5"}) {
            ConfigException e = envFails("HEARTH_VOICE_MAX_WITHHELD_CALLS", bad);
            assertNamesOption(e, "voice.maxWithheldCalls", "HEARTH_VOICE_MAX_WITHHELD_CALLS");
        }
    }

    @Test
    void theCapsOnAutomaticSmsRepliesAreSettingsWithinTheirRangesAndTheHourNoMoreThanTheDay() {
        assertEquals(HubConfig.AutoReplyCaps.DEFAULT, ConfigLoader.load(null, Map.of()).twilio().autoReplies());
        assertEquals(new HubConfig.AutoReplyCaps(5, 20, 300), ConfigLoader.load(null, Map.of("HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_HOUR", "5",
                "HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_DAY", "20", "HEARTH_SMS_AUTO_REPLIES_HUB_HOUR", "300")).twilio().autoReplies());
        for (String[] bad : new String[][]{{"HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_HOUR", "0"}, {"HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_HOUR", "ten"},
                {"HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_DAY", "-1"}, {"HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_DAY", "100001"},
                {"HEARTH_SMS_AUTO_REPLIES_HUB_HOUR", "0"}, {"HEARTH_SMS_AUTO_REPLIES_HUB_HOUR", "1e3"}}) {
            String option = bad[0].equals("HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_HOUR") ? "sms.autoRepliesPerNumberHour"
                    : bad[0].equals("HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_DAY") ? "sms.autoRepliesPerNumberDay" : "sms.autoRepliesHubHour";
            assertNamesOption(envFails(bad[0], bad[1]), option, bad[0]);
        }
        // More an hour than a day could never be reached: a mistake, refused at start naming both.
        ConfigException e = envFails("HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_HOUR", "40");
        assertNamesOption(e, "sms.autoRepliesPerNumberHour", "HEARTH_SMS_AUTO_REPLIES_PER_NUMBER_HOUR");
        assertTrue(e.getMessage().contains("sms.autoRepliesPerNumberDay"), e.getMessage());
    }

    @Test
    void portZeroMeansAnyFreePortAndTheDefaultPublicUrlNamesThePortGot() {
        HubConfig asked = ConfigLoader.load(null, Map.of("HEARTH_PORT", "0"));
        assertEquals(0, asked.port());
        HubConfig listening = asked.listeningOn(54321);
        assertEquals(54321, listening.port());
        assertEquals("http://localhost:54321", listening.publicUrl());
        assertEquals(asked.limits(), listening.limits(), "nothing else changes");

        HubConfig proxied = ConfigLoader.load(null, Map.of("HEARTH_PORT", "0", "HEARTH_PUBLIC_URL", "https://chat.example.org"));
        assertEquals("https://chat.example.org", proxied.listeningOn(54321).publicUrl(), "a public URL given is kept");
        HubConfig fixed = ConfigLoader.load(null, Map.of("HEARTH_PORT", "7070"));
        assertEquals(fixed, fixed.listeningOn(54321), "a port given is the port");
    }

    @Test
    void aPortOutsideZeroTo65535IsRefusedSayingTheRange() {
        for (String bad : new String[]{"-1", "65536"}) {
            ConfigException e = envFails("HEARTH_PORT", bad);
            assertNamesOption(e, "server.port", "HEARTH_PORT");
            assertTrue(e.getMessage().contains("between 0 and 65535 (got " + bad + ")"), e.getMessage());
        }
        assertEquals(65535, ConfigLoader.load(null, Map.of("HEARTH_PORT", "65535")).port());
    }

    @Test
    void aPortFileIsAFileInADirectoryThatIsThereAlready() throws IOException {
        assertEquals(null, ConfigLoader.load(null, Map.of()).network().portFile(), "none unless asked for");
        Path file = dir.resolve("hub.port");
        assertEquals(file, ConfigLoader.load(null, Map.of("HEARTH_PORT_FILE", file.toString())).network().portFile());
        assertEquals(file, ConfigLoader.load(yaml("server:\n  portFile: " + file + "\n"), Map.of()).network().portFile());

        Path missing = dir.resolve("not-made");
        ConfigException noDirectory = envFails("HEARTH_PORT_FILE", missing.resolve("hub.port").toString());
        assertNamesOption(noDirectory, "server.portFile", "HEARTH_PORT_FILE");
        assertTrue(noDirectory.getMessage().contains("existing directory (no directory " + missing + ")"), noDirectory.getMessage());
        ConfigException directory = envFails("HEARTH_PORT_FILE", dir.toString());
        assertNamesOption(directory, "server.portFile", "HEARTH_PORT_FILE");
        assertTrue(directory.getMessage().contains("not a directory"), directory.getMessage());
    }

    @Test
    void theSettingsSafetyPollDefaultsToThirtySecondsAndStaysWithinAnHour() {
        assertEquals(30, ConfigLoader.load(null, Map.of()).settings().reloadSeconds());
        assertEquals(5, ConfigLoader.load(null, Map.of("HEARTH_SETTINGS_RELOAD_SECONDS", "5")).settings().reloadSeconds());
        for (String bad : new String[]{"0", "3601", "-1", "30s"}) {
            assertNamesOption(envFails("HEARTH_SETTINGS_RELOAD_SECONDS", bad), "settings.reloadSeconds", "HEARTH_SETTINGS_RELOAD_SECONDS");
        }
    }

    @Test
    void twilioRetriesPauseAQuarterSecondThenOneThenTwoAndAHalfUnlessSet() {
        assertEquals(java.util.List.of(250L, 1000L, 2500L), ConfigLoader.load(null, Map.of()).twilio().retryDelaysMillis());
        assertEquals(java.util.List.of(250L, 1000L, 2500L), HubConfig.Twilio.RETRY_DELAYS_MILLIS);
        assertEquals(java.util.List.of(1L, 1L, 1L),
                ConfigLoader.load(null, Map.of("HEARTH_TWILIO_RETRY_DELAYS_MILLIS", "1, 1,1")).twilio().retryDelaysMillis());
        assertEquals(java.util.List.of(60000L),
                ConfigLoader.load(null, Map.of("HEARTH_TWILIO_RETRY_DELAYS_MILLIS", "60000")).twilio().retryDelaysMillis());
        for (String bad : new String[]{"0", "-1", "60001", "250,,1000", "1s", "1,1,1,1,1,1", ","}) {
            assertNamesOption(envFails("HEARTH_TWILIO_RETRY_DELAYS_MILLIS", bad), "twilio.retryDelaysMillis",
                    "HEARTH_TWILIO_RETRY_DELAYS_MILLIS");
        }
    }

    @Test
    void theTranscriptBudgetDefaultsAndIsRefusedOutsideItsRange() {
        HubConfig.Limits defaults = ConfigLoader.load(null, Map.of()).limits();
        assertEquals(1000, defaults.transcriptMessages());
        assertEquals(100_000, defaults.transcriptChars());
        HubConfig.Limits set = ConfigLoader.load(null, Map.of("HEARTH_LIMITS_TRANSCRIPT_MESSAGES", "50",
                "HEARTH_LIMITS_TRANSCRIPT_CHARS", "4000")).limits();
        assertEquals(50, set.transcriptMessages());
        assertEquals(4000, set.transcriptChars(), "one message of the largest size still fits");
        for (String bad : new String[]{"49", "100001", "0", "-1", "many", "1e3"}) {
            assertNamesOption(envFails("HEARTH_LIMITS_TRANSCRIPT_MESSAGES", bad), "limits.transcriptMessages",
                    "HEARTH_LIMITS_TRANSCRIPT_MESSAGES");
        }
        for (String bad : new String[]{"3999", "10000001", "0", "100k"}) {
            assertNamesOption(envFails("HEARTH_LIMITS_TRANSCRIPT_CHARS", bad), "limits.transcriptChars", "HEARTH_LIMITS_TRANSCRIPT_CHARS");
        }
        ConfigException low = envFails("HEARTH_LIMITS_TRANSCRIPT_CHARS", "100");
        assertTrue(low.getMessage().contains("4000"), "shows the range: " + low.getMessage());
    }

    @Test
    void badUrlNamesTheOption() {
        assertNamesOption(envFails("HEARTH_PUBLIC_URL", "not a url"), "server.publicUrl", "HEARTH_PUBLIC_URL");
        assertNamesOption(envFails("HEARTH_PUBLIC_URL", "chat.example.org"), "server.publicUrl", "HEARTH_PUBLIC_URL");
        assertNamesOption(envFails("HEARTH_PUBLIC_URL", "ftp://chat.example.org"), "server.publicUrl", "HEARTH_PUBLIC_URL");
        assertNamesOption(envFails("HEARTH_LIVE_REDIS_URL", "localhost:6379"), "live.redisUrl", "HEARTH_LIVE_REDIS_URL");
        assertNamesOption(envFails("HEARTH_SETTINGS_REDIS_URL", "redis//x"), "settings.redisUrl", "HEARTH_SETTINGS_REDIS_URL");
        assertNamesOption(envFails("HEARTH_TWILIO_API_BASE", "http://"), "twilio.apiBase", "HEARTH_TWILIO_API_BASE");
    }

    @Test
    void thePublicUrlIsSchemeHostAndPortOnly() {
        for (String url : new String[]{"https://chat.example.org/hearth", "https://chat.example.org/hearth/", "https://chat.example.org?x=1",
                "https://chat.example.org/#top", "https://chat.example.org:8443/console"}) {
            ConfigException e = envFails("HEARTH_PUBLIC_URL", url);
            assertNamesOption(e, "server.publicUrl", "HEARTH_PUBLIC_URL");
            assertTrue(e.getMessage().contains("without a path"), e.getMessage());
        }
        for (String url : new String[]{"https://admin:pa55word@chat.example.org", "ftp://admin:pa55word@chat.example.org"}) {
            ConfigException e = envFails("HEARTH_PUBLIC_URL", url);
            assertNamesOption(e, "server.publicUrl", "HEARTH_PUBLIC_URL");
            assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
        }
        assertFalse(envFails("HEARTH_VOICE_HOLD_MUSIC_URL", "ftp://u:pa55word@music.example.org/a.mp3").getMessage().contains("pa55word"));
        assertEquals("https://chat.example.org:8443", ConfigLoader.load(null, Map.of("HEARTH_PUBLIC_URL", "https://chat.example.org:8443/")).publicUrl());
        assertEquals("https://chat.example.org", ConfigLoader.load(null, Map.of("HEARTH_PUBLIC_URL", "https://chat.example.org")).publicUrl());
        assertEquals("https://music.example.org/hold.mp3", ConfigLoader.load(null,
                Map.of("HEARTH_VOICE_HOLD_MUSIC_URL", "https://music.example.org/hold.mp3")).voice().holdMusicUrl(), "other URLs may have paths");
    }

    @Test
    void aBadRedisUrlIsNotQuotedWithItsPassword() {
        ConfigException e = envFails("HEARTH_LIVE_REDIS_URL", "redis://hearth:s3cret pass@10.0.0.5:6390");
        assertNamesOption(e, "live.redisUrl", "HEARTH_LIVE_REDIS_URL");
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("redis://…@10.0.0.5:6390"), "the host is still shown: " + e.getMessage());
    }

    @Test
    void redisUrlsMayNameOneServerOrTheSentinelsOfAMasterWithOrWithoutTls() {
        for (String url : java.util.List.of("redis://10.0.0.5:6390/0", "rediss://hearth:pw@10.0.0.5:6390",
                "redis-sentinel://hearth:pw@10.0.0.5:26379,10.0.0.6:26379,10.0.0.7/0#hearth-live",
                "rediss-sentinel://10.0.0.5:26379#hearth-live", "redis-sentinel://10.0.0.5:26379?sentinelMasterId=hearth-live")) {
            HubConfig c = ConfigLoader.load(null, Map.of("HEARTH_LIVE_REDIS_URL", url, "HEARTH_SETTINGS_REDIS_URL", url));
            assertEquals(url, c.live().redisUrl());
            assertEquals(url, c.settings().redisUrl());
        }
    }

    @Test
    void aSentinelUrlWithoutTheMastersNameIsRefusedSayingSoAndWithoutItsPassword() {
        for (String url : java.util.List.of("redis-sentinel://hearth:s3cret@10.0.0.5:26379,10.0.0.6:26379",
                "redis-sentinel://hearth:s3cret@10.0.0.5:26379/0#", "rediss-sentinel://hearth:s3cret@10.0.0.5:26379?sentinelMasterId=")) {
            ConfigException e = envFails("HEARTH_SETTINGS_REDIS_URL", url);
            assertNamesOption(e, "settings.redisUrl", "HEARTH_SETTINGS_REDIS_URL");
            assertTrue(e.getMessage().contains("must name the master the sentinels watch after '#'"), e.getMessage());
            assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        }
    }

    @Test
    void severalHostsWithoutSentinelAndOtherSchemesAreRefused() {
        ConfigException several = envFails("HEARTH_LIVE_REDIS_URL", "redis://10.0.0.5:6379,10.0.0.6:6379");
        assertTrue(several.getMessage().contains("must name one host"), several.getMessage());
        assertTrue(several.getMessage().contains("redis-sentinel://"), "points to sentinel URLs: " + several.getMessage());
        for (String url : java.util.List.of("http://10.0.0.5:6379", "redis-socket:///run/redis.sock", "10.0.0.5:6379")) {
            assertTrue(envFails("HEARTH_LIVE_REDIS_URL", url).getMessage().contains("must start with redis://, rediss://, redis-sentinel://"));
        }
        ConfigException port = envFails("HEARTH_LIVE_REDIS_URL", "redis://hearth:s3cret@10.0.0.5:99999");
        assertTrue(port.getMessage().contains("Port out of range"), port.getMessage());
        assertFalse(port.getMessage().contains("s3cret"), port.getMessage());
    }

    @Test
    void badBooleanNamesTheOption() throws IOException {
        assertNamesOption(envFails("HEARTH_LIVE_ALLOW_PERSISTENCE", "maybe"), "live.allowPersistence", "HEARTH_LIVE_ALLOW_PERSISTENCE");
        assertNamesOption(assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml("auth:\n  secureCookies: 2\n"), Map.of())),
                "auth.secureCookies", "HEARTH_AUTH_SECURE_COOKIES");
    }

    @Test
    void misspelledKeyInTheFileIsRefusedByName() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(yaml("limits:\n  maxFrameByte: 4096\n"), Map.of()));
        assertTrue(e.getMessage().contains("'limits.maxFrameByte'"), e.getMessage());
        assertTrue(e.getMessage().contains("limits.maxFrameBytes"), "points at the option meant: " + e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml("sever:\n  port: 80\n"), Map.of()));
        assertTrue(e.getMessage().contains("'sever.port'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml("queue: 5\n"), Map.of()));
        assertTrue(e.getMessage().contains("'queue'"), "a section given a value: " + e.getMessage());
    }

    @Test
    void listValueNamesTheOption() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(yaml("server:\n  port:\n    - 8080\n    - 8081\n"), Map.of()));
        assertNamesOption(e, "server.port", "HEARTH_PORT");
        assertTrue(e.getMessage().contains("list"), e.getMessage());
    }

    @Test
    void anOptionOrASectionGivenTwiceIsRefusedNotHalfForgotten() throws IOException {
        // YAML keeps the last of two equal keys: the first server: section, port and all, would be dropped silently.
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(yaml("server:\n  port: 18081\nqueue:\n  maxLength: 50\nserver:\n  dataDir: ./d2\n"), Map.of()));
        assertTrue(e.getMessage().contains("'server' is given twice") && e.getMessage().contains("line 5"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml("metrics:\n  token: aaaaaaaaaaaaaaaaaaaa\n"
                + "  token: bbbbbbbbbbbbbbbbbbbb\n"), Map.of()));
        assertNamesOption(e, "metrics.token", "HEARTH_METRICS_TOKEN");
        assertFalse(e.getMessage().contains("aaaa") || e.getMessage().contains("bbbb"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml("server.port: 9000\nserver:\n  port: 9001\n"), Map.of()));
        assertNamesOption(e, "server.port", "HEARTH_PORT");
        // A second document would be dropped as silently.
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml("server:\n  port: 9000\n---\nqueue:\n  maxLength: 5\n"), Map.of()));
        assertTrue(e.getMessage().contains("one YAML document"), e.getMessage());
        assertEquals(9000, ConfigLoader.load(yaml("---\nserver:\n  port: 9000\n"), Map.of()).port(), "one document, marked as such");
        assertEquals(9000, ConfigLoader.load(yaml("# all\n# comments\n"), Map.of("HEARTH_PORT", "9000")).port());
    }

    @Test
    void valuesAreReadAsWrittenNotAsTheNumbersYamlWouldMakeOfThem() throws IOException {
        HubConfig c = ConfigLoader.load(yaml("twilio:\n  from: +15550100200\n  accountSid: 0123\n  authToken: 1e5\n"
                + "voice:\n  number: +15550100201\nmetrics:\n  token: 01234567012345670\njitsi:\n  appId: 1.50\n"), Map.of());
        assertEquals("+15550100200", c.twilio().from(), "the plus kept");
        assertEquals("+15550100201", c.voice().number());
        assertEquals("0123", c.twilio().accountSid(), "not octal 83");
        assertEquals("1e5", c.twilio().authToken(), "not 100000.0");
        assertEquals("01234567012345670", c.metrics().token());
        assertEquals("1.50", c.jitsi().appId());
        assertEquals(8080, ConfigLoader.load(yaml("server:\n  port: 8080\n"), Map.of()).port());
        assertTrue(ConfigLoader.load(yaml("auth:\n  secureCookies: yes\n"), Map.of()).auth().secureCookies());
    }

    @Test
    void defaultCapacityAboveMaxCapacityNamesBothOptions() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("HEARTH_QUEUE_DEFAULT_CAPACITY", "6", "HEARTH_QUEUE_MAX_CAPACITY", "4")));
        assertNamesOption(e, "queue.defaultCapacity", "HEARTH_QUEUE_DEFAULT_CAPACITY");
        assertNamesOption(e, "queue.maxCapacity", "HEARTH_QUEUE_MAX_CAPACITY");
    }

    @Test
    void aTrustedProxyTheHubCouldNotReadIsAConfigurationErrorNotAFailedStart() {
        for (String bad : new String[]{"dead:beef", ":::::::::", "1:2:3", "10.0.0.1, fe80:::1/64", "::ffff:10.0.0.1"}) {
            assertNamesOption(envFails("HEARTH_TRUSTED_PROXIES", bad), "server.trustedProxies", "HEARTH_TRUSTED_PROXIES");
        }
        for (String good : new String[]{"::1", "fd00::/8", "2001:db8::1, 127.0.0.1", "10.0.0.0/8", "::"}) {
            HubConfig c = ConfigLoader.load(null, Map.of("HEARTH_TRUSTED_PROXIES", good));
            // What the hub builds from them at start (Hub → Sources): it must take every entry the check let through.
            new org.hearthhub.guard.ClientAddress(c.network().trustedProxies());
        }
    }

    @Test
    void badProgramIdNamesTheOption() {
        for (String id : new String[]{"Main", "-main", "main program", "a/b", "x".repeat(41), "..", "ñ"}) {
            assertNamesOption(envFails("HEARTH_PROGRAM_ID", id), "server.programId", "HEARTH_PROGRAM_ID");
        }
        assertEquals("coalition-7", ConfigLoader.load(null, Map.of("HEARTH_PROGRAM_ID", "coalition-7")).programId());
    }

    @Test
    void unusableDataDirectoryNamesTheOption() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(yaml("server:\n  dataDir: \"/var/lib/\\0hearth\"\n"), Map.of()));
        assertNamesOption(e, "server.dataDir", "HEARTH_DATA_DIR");
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefusedNamingTheOption() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        for (Path p : new Path[]{file, file.resolve("data")}) {
            ConfigException e = envFails("HEARTH_DATA_DIR", p.toString());
            assertNamesOption(e, "server.dataDir", "HEARTH_DATA_DIR");
            assertTrue(e.getMessage().contains(file + " is a file"), e.getMessage());
        }
        assertEquals(dir.resolve("a/b"), ConfigLoader.load(null, Map.of("HEARTH_DATA_DIR", dir.resolve("a/b").toString())).dataDir(),
                "a directory still to be made is fine");
        assertFalse(Files.exists(dir.resolve("a")), "and is not made by reading the configuration");
    }

    @Test
    void unreadableOrMalformedFileIsAConfigError() throws IOException {
        ConfigException missing = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()));
        assertTrue(missing.getMessage().contains("absent.yaml"), missing.getMessage());
        assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml("server: [unclosed\n"), Map.of()));
        assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml("- just\n- a list\n"), Map.of()));
    }

    @Test
    void aYamlSyntaxErrorSaysWhereInOneLineWithoutQuotingTheFile() throws IOException {
        // A tab for indentation, and an unclosed quote: the parser's own message quotes the lines around the
        // error and the whole file, secrets and all, into the terminal and the journal.
        for (String text : new String[]{"twilio:\n  authToken: tw-secret-123\nserver:\n\tport: 1\n",
                "metrics:\n  token: \"tw-secret-123\n", "twilio:\n  authToken: tw-secret-123\n from: x\n"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(yaml(text), Map.of()), text);
            assertFalse(e.getMessage().contains("tw-secret-123"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertTrue(e.getMessage().contains("hearth.yaml") && e.getMessage().contains("not valid YAML")
                    && e.getMessage().matches(".*line \\d+, column \\d+.*"), e.getMessage());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()));
        assertTrue(e.getMessage().endsWith("absent.yaml: no such file"), e.getMessage());
    }

    @Test
    void secretsNeverAppearInErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(null,
                Map.of("HEARTH_TWILIO_AUTH_TOKEN", "tw-secret-123", "HEARTH_PORT", "nope")));
        assertFalse(e.getMessage().contains("tw-secret-123"));
    }
}
