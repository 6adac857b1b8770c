package org.hearthhub.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LoopConfined;
import org.hearthhub.testing.HubErrors;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /api/v1/exit} and {@code /api/v1/end}: the survivor's quick exit and end sent as a beacon, naming the
 * chat by its resume token, for when the widget's socket is down. They end the chat exactly as the {@code exit} and
 * {@code end} frames do, answer the same whether or not the token named a chat, refuse every kind of bad input without
 * ending anything, refuse other sites' pages, and are counted per source so that tokens cannot be tried in bulk.
 * Real sockets and HTTP against a real hub, with the live state in memory here and in Redis in
 * {@link RedisEndBeaconsTest}.
 */
class EndBeaconsTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().liveRedis(this::liveRedis);
    Vertx vertx;
    TestHub hub;

    /** Where the live state is kept: in memory here; {@link RedisEndBeaconsTest} runs every test on Redis. */
    RedisServer liveRedis() {
        return null;
    }

    /** A chat an advocate took: the survivor's socket, the chat's id and its resume token. */
    record Chat(WsClient survivor, String id, String token) {
    }

    /** A chat {@code advocate} took, from {@code address}, with {@code words} said by the survivor. */
    Chat chat(TestHub on, WsClient advocate, String address, String words) throws Exception {
        WsClient survivor = on.survivorFrom(address);
        survivor.send("start", "lang", "en");
        JsonObject started = survivor.await("started");
        String id = started.getString("conversation");
        advocate.send("accept", "conversation", id);
        advocate.awaitMatching("conversation", c -> id.equals(c.getString("conversation")));
        survivor.await("assigned");
        survivor.send("message", "clientId", "s1", "text", words);
        survivor.await("ack");
        advocate.awaitMatching("message", m -> words.equals(m.getString("text")));
        return new Chat(survivor, id, started.getString("token"));
    }

    static String body(String token) {
        return new JsonObject().put("token", token).encode();
    }

    /** As {@code navigator.sendBeacon} sends a string from the chat page: text/plain, with the page's Origin. */
    static HttpResponse<Buffer> beacon(TestHub on, WebClient client, String path, String body) throws Exception {
        return TestHub.await(client.post(on.port(), "127.0.0.1", path)
                .putHeader("Content-Type", "text/plain;charset=UTF-8")
                .putHeader("Origin", on.publicUrl())
                .sendBuffer(Buffer.buffer(body)));
    }

    HttpResponse<Buffer> beacon(String path, String body) throws Exception {
        return beacon(hub, hub.http(), path, body);
    }

    static void assertNoContent(HttpResponse<Buffer> r) {
        assertEquals(204, r.statusCode(), r.bodyAsString());
        assertNull(r.body(), "a beacon's answer says nothing");
    }

    boolean liveStoreHolds(String needle) {
        if (liveRedis() == null) return ((InMemoryLiveStore) LoopConfined.target(hub.hub.liveStore())).containsText(needle);
        return liveRedis().holdsText(needle);
    }

    void assertStillLive(WsClient advocate, Chat chat) throws Exception {
        assertNotNull(TestHub.await(hub.hub.liveStore().conversation(chat.id())), "the chat goes on");
        advocate.expectNone("ended", 200);
    }

    static String canary() {
        return "canary-" + Ids.random(8);
    }

    // ---- what a beacon does

    @Test
    void anExitBeaconEndsTheChatAsTheExitFrameWouldWhileTheSocketIsDown() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String canary = canary();
        Chat chat = chat(hub, advocate, "127.0.0.2", "he took my phone, I'm at " + canary);
        chat.survivor().kill(); // the network dropped: the widget is reconnecting
        advocate.awaitMatching("presence", p -> p.getBoolean("away"));
        assertTrue(liveStoreHolds(canary));

        assertNoContent(beacon("/api/v1/exit", body(chat.token())));

        JsonObject ended = advocate.awaitMatching("ended", e -> chat.id().equals(e.getString("conversation")));
        assertEquals("quick_exit", ended.getString("reason"), "the advocate sees that the survivor left by quick exit");
        assertNull(TestHub.await(hub.hub.liveStore().conversation(chat.id())), "the conversation is purged");
        assertFalse(liveStoreHolds(canary), "nothing of its words is left in the live store");
        assertFalse(liveStoreHolds(chat.token()));

        WsClient again = hub.survivor();
        again.send("resume", "token", chat.token(), "lastSeq", 0);
        assertEquals("unknown_token", again.await("error").getString("code"), "the token is dead");
        assertNoContent(beacon("/api/v1/exit", body(chat.token())));
        advocate.expectNone("ended", 200);
    }

    @Test
    void anEndBeaconEndsTheChatAsTheEndFrameWould() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String canary = canary();
        Chat chat = chat(hub, advocate, "127.0.0.2", "I have to go " + canary);
        chat.survivor().kill();

        assertNoContent(beacon("/api/v1/end", body(chat.token())));

        JsonObject ended = advocate.awaitMatching("ended", e -> chat.id().equals(e.getString("conversation")));
        assertEquals("survivor", ended.getString("reason"), "the survivor's own end, not a quick exit");
        assertNull(TestHub.await(hub.hub.liveStore().conversation(chat.id())));
        assertFalse(liveStoreHolds(canary));
    }

    /** The socket may look open to the widget while its connection is dead: the beacon goes with the frame, both are fine. */
    @Test
    void aBeaconBesideAnOpenSocketEndsTheChatThereTooAndTheFrameAfterItIsHarmless() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = chat(hub, advocate, "127.0.0.2", "hello");

        assertNoContent(beacon("/api/v1/exit", body(chat.token())));

        assertEquals("quick_exit", chat.survivor().await("ended").getString("reason"), "the survivor's socket hears it too");
        assertEquals("quick_exit", advocate.awaitMatching("ended", e -> chat.id().equals(e.getString("conversation"))).getString("reason"));
        chat.survivor().send("exit");
        assertEquals("quick_exit", chat.survivor().await("ended").getString("reason"));
        advocate.expectNone("ended", 200);
    }

    @Test
    void aTokenThatNamesNothingIsAnsweredTheSameAndEndsNothing() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = chat(hub, advocate, "127.0.0.2", "hello");

        assertNoContent(beacon("/api/v1/exit", body(Ids.random(32))));
        assertNoContent(beacon("/api/v1/end", body(Ids.random(32))));
        assertStillLive(advocate, chat);
    }

    @Test
    void aTokenIsOnlyItsOwnProgramsAndAnUnknownProgramIsRefused() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = chat(hub, advocate, "127.0.0.2", "hello");
        hub.addProgramWithNumbers("riverside", "Riverside", null, null);

        assertNoContent(beacon("/api/v1/exit?program=riverside", body(chat.token())));
        assertStillLive(advocate, chat);
        HubErrors.assertAnswer(beacon("/api/v1/exit?program=nowhere", body(chat.token())), 404, "unknown_program");
        assertStillLive(advocate, chat);
    }

    // ---- bad input: a clear refusal, nothing ended

    @Test
    void aBodyThatIsNoTokenIsRefused400() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = chat(hub, advocate, "127.0.0.2", "hello");
        String token = chat.token();
        List<String> bad = List.of(
                "",                                                    // no body
                "{\"token\":",                                         // not JSON
                "token=" + token,                                      // a form, not JSON
                "\"" + token + "\"",                                   // JSON, not an object
                "[\"" + token + "\"]",
                "{}",                                                  // no token
                "{\"token\":null}",
                "{\"token\":42}",                                      // not a string
                "{\"token\":[\"" + token + "\"]}",
                body(token.substring(1)),                              // not a token's shape: too short
                body(token + "A"),                                     // too long
                body(token.substring(1) + "!"),                        // a character no token has
                body(" " + token.substring(1)),
                "{\"token\":\"" + Ids.random(32) + "\",\"token\":\"" + token + "\"}", // a key twice
                body(token) + " {}");                                  // two JSON values
        for (String body : bad) {
            HubErrors.assertAnswer(beacon("/api/v1/exit", body), 400, "bad_request", token);
            HubErrors.assertAnswer(beacon("/api/v1/end", body), 400, "bad_request", token);
        }
        assertStillLive(advocate, chat);
    }

    @Test
    void aBodyOverItsBoundIsRefused413UnreadAndEndsNothing() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = chat(hub, advocate, "127.0.0.2", "hello");
        String padded = new JsonObject().put("token", chat.token()).put("pad", "x".repeat(EndBeacons.MAX_BODY_BYTES)).encode();
        HubErrors.assertAnswer(beacon("/api/v1/exit", padded), 413, "too_large");
        HubErrors.assertAnswer(beacon("/api/v1/exit", "x".repeat(1 << 20)), 413, "too_large");
        assertStillLive(advocate, chat);
    }

    @Test
    void anotherSitesPageIsRefused403AndAClientThatIsNoBrowserIsServed() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = chat(hub, advocate, "127.0.0.2", "hello");
        for (String origin : List.of("https://evil.example", "http://localhost:" + (hub.port() + 1), hub.publicUrl() + ".evil.example",
                "null")) {
            HttpResponse<Buffer> r = TestHub.await(hub.http().post(hub.port(), "127.0.0.1", "/api/v1/exit")
                    .putHeader("Content-Type", "text/plain;charset=UTF-8").putHeader("Origin", origin)
                    .sendBuffer(Buffer.buffer(body(chat.token()))));
            HubErrors.assertAnswer(r, 403, "forbidden", chat.token());
        }
        assertStillLive(advocate, chat);

        // As on the survivor socket, no Origin is a client that is no browser: served.
        assertNoContent(TestHub.await(hub.http().post(hub.port(), "127.0.0.1", "/api/v1/exit")
                .sendBuffer(Buffer.buffer(body(chat.token())))));
        assertEquals("quick_exit", advocate.awaitMatching("ended", e -> chat.id().equals(e.getString("conversation"))).getString("reason"));
    }

    @Test
    void aGetIsNoBeaconAndEndsNothing() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = chat(hub, advocate, "127.0.0.2", "hello");
        for (String path : List.of("/api/v1/exit", "/api/v1/end")) {
            HttpRequest<Buffer> get = hub.http().get(hub.port(), "127.0.0.1", path + "?token=" + chat.token()).putHeader("Origin", hub.publicUrl());
            HubErrors.assertAnswer(TestHub.await(get.send()), 404, "not_found");
        }
        assertStillLive(advocate, chat);
    }

    // ---- tokens cannot be tried in bulk

    @Test
    void aSourcePastItsBeaconsAMinuteIsRefused429WhileAGenuineSurvivorElsewhereIsServed() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        Chat chat = chat(hub, advocate, "127.0.0.2", "hello");
        WebClient guesser = hub.clientFrom("127.0.0.66", 1);
        for (int i = 0; i < EndBeacons.PER_SOURCE_PER_MINUTE; i++) assertNoContent(beacon(hub, guesser, "/api/v1/exit", body(Ids.random(32))));

        JsonObject refused = HubErrors.assertAnswer(beacon(hub, guesser, "/api/v1/exit", body(Ids.random(32))), 429, "rate_limited");
        assertEquals("beacons", refused.getString("reason"), "which limit it is, as the connection cap's 429 says: " + refused.encode());
        refused = HubErrors.assertAnswer(beacon(hub, guesser, "/api/v1/end", body(chat.token())), 429, "rate_limited", chat.token());
        assertEquals("beacons", refused.getString("reason"), refused.encode());
        assertStillLive(advocate, chat);

        // A genuine survivor on another network starts a chat and leaves it by beacon.
        Chat genuine = chat(hub, advocate, "127.0.0.3", "I need help");
        genuine.survivor().kill();
        assertNoContent(beacon(hub, hub.clientFrom("127.0.0.3", 1), "/api/v1/exit", body(genuine.token())));
        assertEquals("quick_exit", advocate.awaitMatching("ended", e -> genuine.id().equals(e.getString("conversation"))).getString("reason"));
        assertStillLive(advocate, chat);
    }
}
