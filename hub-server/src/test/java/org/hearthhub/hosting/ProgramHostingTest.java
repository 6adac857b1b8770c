package org.hearthhub.hosting;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hub hosting a second program beside its default one: survivors reach a program by the {@code program}
 * parameter, and each program's queue, settings and statistics stay its own.
 */
class ProgramHostingTest {
    static final ProgramId RIVERSIDE = ProgramId.of("riverside");

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().redisStores(this::redisStores);
    TestHub hub;
    Vertx vertx;

    /** In memory and files here; {@link RedisProgramHostingTest} runs every test on Redis. */
    RedisStores redisStores() {
        return null;
    }

    HttpResponse<Buffer> get(String path) throws Exception {
        return await(hub.http().get(hub.port(), "localhost", path).send());
    }

    JsonObject status(String query) throws Exception {
        HttpResponse<Buffer> r = get("/api/v1/status" + query);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    WsClient survivorOf(String program) throws Exception {
        return WsClient.connect(vertx, hub.port(), "/ws/survivor?program=" + program, null, null);
    }

    HostedProgram riverside(String title) throws Exception {
        HostedProgram riverside = await(hub.hub.programs().create(RIVERSIDE, "Riverside Shelter"));
        ProgramSettings s = riverside.settings().get();
        ProgramSettings.WidgetLook w = s.widget();
        await(riverside.settings().save(s.withWidget(new ProgramSettings.WidgetLook(Map.of("en", title, "es", title),
                w.notice(), w.primaryColor(), w.position(), w.quickExitUrl()))));
        return riverside;
    }

    @Test
    void withoutConfigurationTheHubHostsExactlyItsDefaultProgram() throws Exception {
        List<Program> all = hub.hub.programs().registry().all();
        assertEquals(List.of(ProgramId.of("main")), all.stream().map(Program::id).toList());
        JsonObject unnamed = status("?lang=en");
        JsonObject named = status("?lang=en&program=main");
        assertEquals(unnamed, named, "no program parameter is the default program");
        assertEquals(200, get("/w/").statusCode());
        assertEquals(200, get("/w/?program=main").statusCode());
    }

    @Test
    void aProgramTheHubDoesNotHostIsRefusedAndNothingIsMadeForIt() throws Exception {
        for (String name : List.of("nowhere", "Main", "<script>alert(1)</script>", "a".repeat(41), "../main", "main ", "")) {
            if (name.isEmpty()) continue;
            String q = URLEncoder.encode(name, StandardCharsets.UTF_8);
            for (String path : List.of("/api/v1/status?lang=es&program=" + q, "/w/?lang=es&program=" + q)) {
                HttpResponse<Buffer> r = get(path);
                assertEquals(404, r.statusCode(), path);
                JsonObject body = r.bodyAsJsonObject();
                assertEquals("unknown_program", body.getString("code"), path + ": " + body);
                assertTrue(body.getString("message").startsWith("Este chat no se ofrece"), body.encode());
            }
            HttpResponse<Buffer> feedback = await(hub.http().post(hub.port(), "localhost", "/api/v1/feedback?program=" + q)
                    .sendJsonObject(new JsonObject().put("ticket", "t").put("rating", 5).put("helped", true)));
            assertEquals(404, feedback.statusCode());
            assertEquals(404, WsClient.refusedStatus(vertx, hub.port(), "/ws/survivor?program=" + q, null, null));
        }
        assertEquals("This chat is not offered here. Please check the address of the page you came from.",
                get("/api/v1/status?program=nowhere").bodyAsJsonObject().getString("message"));
        assertEquals(1, hub.hub.programs().registry().all().size());
        assertEquals(1, hub.hub.programs().all().size());
        assertFalse(Files.exists(hub.dataDir.resolve("programs/nowhere")));
    }

    @Test
    void aSecondProgramHasItsOwnSettingsQueueAndStatistics() throws Exception {
        HostedProgram riverside = riverside("Riverside Chat");
        WsClient advocate = hub.advocateOnShift("maria");

        assertEquals("Riverside Chat", status("?lang=en&program=riverside").getJsonObject("widget").getString("title"));
        assertFalse("Riverside Chat".equals(status("?lang=en").getJsonObject("widget").getString("title")));

        WsClient theirs = survivorOf("riverside");
        theirs.send("start", "lang", "en");
        JsonObject started = theirs.await("started");
        assertEquals(1, started.getInteger("position"));
        assertEquals(1, status("?program=riverside").getInteger("queueLength"));
        assertEquals(0, status("").getInteger("queueLength"), "the default program's queue is its own");

        WsClient ours = hub.survivor();
        ours.send("start", "lang", "en");
        String ourId = ours.await("started").getString("conversation");
        JsonObject queue = advocate.awaitMatching("queue", q -> !q.getJsonArray("items").isEmpty());
        assertEquals(1, queue.getJsonArray("items").size(), "the default program's advocate sees its queue only: " + queue);
        assertEquals(ourId, queue.getJsonArray("items").getJsonObject(0).getString("conversation"));
        for (JsonObject q : advocate.drain("queue")) {
            assertFalse(q.encode().contains(started.getString("conversation")), "no queue frame names riverside's chat: " + q);
        }

        // A riverside conversation is not the default program's to take, nor its token to resume there.
        advocate.send("accept", "conversation", started.getString("conversation"));
        assertEquals("not_found", advocate.await("error").getString("code"));
        WsClient elsewhere = hub.survivor();
        elsewhere.send("resume", "token", started.getString("token"), "lastSeq", 0);
        assertEquals("unknown_token", elsewhere.await("error").getString("code"));

        theirs.send("end");
        theirs.await("ended");
        LocalDate today = LocalDate.of(2026, 11, 23);
        // The end's counts are written after the ended frame goes out.
        for (long deadline = System.nanoTime() + 5_000_000_000L;
             await(riverside.store().dailyCounters(today, today)).isEmpty() && System.nanoTime() < deadline; ) {
            Thread.sleep(20);
        }
        assertFalse(await(riverside.store().dailyCounters(today, today)).isEmpty(), "riverside counted its chat");
        assertTrue(await(hub.hub.programs().defaultProgram().store().dailyCounters(today, today)).isEmpty(),
                "the default program counted nothing of it");
    }

    @Test
    void aCreatedProgramIsHostedAgainAfterARestart() throws Exception {
        riverside("Riverside Chat");
        hubs.start(); // a restart on the same data: what it stored must be there
        assertEquals(2, hub.hub.programs().all().size());
        assertEquals("Riverside Chat", status("?lang=en&program=riverside").getJsonObject("widget").getString("title"));
    }

    @Test
    void anIdIsCreatedOnceAndTheDefaultProgramsIdIsTaken() throws Exception {
        riverside("Riverside Chat");
        for (String id : List.of("riverside", "main")) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> await(hub.hub.programs().create(ProgramId.of(id), "again")));
            assertTrue(String.valueOf(e.getCause() == null ? e : e.getCause()).contains("CONFLICT")
                    || String.valueOf(e).contains("conflict"), String.valueOf(e));
        }
        assertEquals(2, hub.hub.programs().all().size());
    }
}
