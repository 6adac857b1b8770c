package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Role;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hub whose Redis users may touch only Hearth's keys and channels, as {@code ops/redis-live.conf} and
 * {@code ops/redis-settings.conf} set them up ({@code ~hearth:* &hearth:*}): every script declares the keys it is
 * given as KEYS, and each step of a chat, a lead's save, the access log and the day's counts works under that ACL.
 * Both servers' MONITOR shows every script call naming its keys as KEYS (Redis Cluster routes a call by them), each
 * under the program's prefix.
 */
class RedisUserLimitedToHearthsKeysTest {
    /** {@code user hearth …} as the ops files have it, one argument a word (redis-server quotes an argument with spaces). */
    private static final String[] USER = "--user hearth on >acl-test-password ~hearth:* &hearth:* +@all -@dangerous +config|get +role".split(" ");

    @TempDir
    Path dir;
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    private RedisServer live;
    private RedisServer settings;

    @BeforeEach
    void startRedis() throws Exception {
        List<String> memoryOnly = new java.util.ArrayList<>(List.of("--save", "", "--appendonly", "no"));
        memoryOnly.addAll(List.of(USER));
        live = RedisServer.start(dir.resolve("live"), memoryOnly.toArray(String[]::new));
        List<String> persisted = new java.util.ArrayList<>(List.of("--appendonly", "yes", "--appendfsync", "always"));
        persisted.addAll(List.of(USER));
        settings = RedisServer.start(dir.resolve("settings"), persisted.toArray(String[]::new));
    }

    @AfterEach
    void stopRedis() throws Exception {
        if (live != null) live.stop();
        if (settings != null) settings.stop();
    }

    /** {@code redis-cli monitor} on {@code redis}, writing what the server runs to {@code file} until destroyed. */
    private static Process monitor(RedisServer redis, Path file) throws Exception {
        Process p = new ProcessBuilder("redis-cli", "-p", String.valueOf(redis.port()), "monitor")
                .redirectOutput(file.toFile()).redirectErrorStream(true).start();
        Thread.sleep(300); // MONITOR is on once the first line ("OK") is out
        return p;
    }

    /** Each EVAL or EVALSHA the file shows, as its quoted arguments from the script on (script or SHA, numkeys, …). */
    private static List<List<String>> scriptCalls(Path file) throws Exception {
        Pattern quoted = Pattern.compile("\"((?:[^\"\\\\]++|\\\\.)*+)\""); // possessive: a script's source is one long argument
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            List<String> args = new ArrayList<>();
            Matcher m = quoted.matcher(line);
            while (m.find()) args.add(m.group(1));
            if (!args.isEmpty() && (args.get(0).equalsIgnoreCase("evalsha") || args.get(0).equalsIgnoreCase("eval"))) {
                calls.add(args.subList(1, args.size()));
            }
        }
        return calls;
    }

    private static String asHearth(RedisServer redis) {
        return "redis://hearth:acl-test-password@127.0.0.1:" + redis.port();
    }

    @Test
    void aChatALeadsSaveAndTheAccessLogWorkWithAUserLimitedToHearthsKeys() throws Exception {
        Path liveCalls = dir.resolve("live-monitor.txt");
        Path settingsCalls = dir.resolve("settings-monitor.txt");
        Process liveMonitor = monitor(live, liveCalls);
        Process settingsMonitor = monitor(settings, settingsCalls);
        TestHub hub = hubs.start(Map.of("HEARTH_LIVE_REDIS_URL", asHearth(live), "HEARTH_SETTINGS_REDIS_URL", asHearth(settings)));
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff lead = client.account("lena", Role.LEAD);
        assertEquals(200, client.put("/api/v1/lead/hours", lead, new JsonObject().put("timeZone", "America/Chicago")
                .put("alwaysOpen", true)).statusCode(), "save_settings_if and audit_append");

        WsClient advocate = hub.advocateOnShift("maria");
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        String id = survivor.await("started").getString("conversation");
        survivor.send("message", "clientId", "s1", "text", "hello");
        assertEquals(1L, survivor.await("ack").getLong("seq"));
        advocate.send("accept", "conversation", id);
        assertEquals(id, advocate.await("conversation").getString("conversation"));
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "I'm here.");
        assertEquals("I'm here.", survivor.await("message").getString("text"));
        survivor.send("end");
        advocate.await("ended");
        survivor.close();
        advocate.close();

        assertTrue(TestHub.await(hub.hub.settingsStore().auditEntries(0, 100)).stream()
                .anyMatch(e -> e.record().action().equals("settings.update")), "the access log reads back (audit_range)");
        hub.hub.stop().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        liveMonitor.destroy();
        settingsMonitor.destroy();
        liveMonitor.waitFor();
        settingsMonitor.waitFor();
        List<List<String>> calls = new ArrayList<>(scriptCalls(liveCalls));
        int onLive = calls.size();
        calls.addAll(scriptCalls(settingsCalls));
        assertTrue(onLive >= 5 && calls.size() > onLive, "the scripts ran on both: " + onLive + " " + calls.size());
        for (List<String> call : calls) {
            int keys = Integer.parseInt(call.get(1));
            assertTrue(keys >= 1, "a script called with its keys as plain arguments: " + call);
            for (String key : call.subList(2, 2 + keys)) assertTrue(key.startsWith("hearth:{"), key + " in " + call);
        }
        for (RedisServer redis : List.of(live, settings)) {
            redis.inspect(r -> {
                List<String> keys = RedisServer.keys(r);
                assertTrue(keys.stream().allMatch(k -> k.startsWith("hearth:")), keys.toString());
            });
        }
    }
}
