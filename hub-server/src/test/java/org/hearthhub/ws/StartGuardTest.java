package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.guard.ProofOfWork;
import org.hearthhub.testing.Proofs;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One source flooding starts (a client bound to 127.0.0.66) gets its share, then proofs of work, then
 * refusals with the referrals, while a survivor from another source (127.0.0.1) starts at once with no
 * challenge; and the hub-wide surge guard. Proofs are made cheap ({@code challengeBits} 8) so tests pay them fast.
 */
class StartGuardTest {
    private static final String FLOODER = "127.0.0.66";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest().env("HEARTH_LIMITS_CHALLENGE_BITS", "8");
    TestHub hub;

    private void hub(Map<String, String> env) throws Exception {
        hub = hubs.start(env);
    }

    /** A start that is answered {@code started} straight away, with no challenge first. */
    private static JsonObject startsFree(WsClient survivor) {
        survivor.send("start", "lang", "en");
        JsonObject answer = survivor.awaitFrame(f -> !"queue".equals(f.getString("type")), 5000);
        assertEquals("started", answer.getString("type"), "started at once: " + answer);
        return answer;
    }

    /** A start that costs a proof of work: challenged, then started with the proof. */
    private static JsonObject startsWithProof(WsClient survivor) {
        survivor.send("start", "lang", "en");
        JsonObject challenge = survivor.await("challenge");
        assertEquals(8, challenge.getInteger("bits"));
        survivor.send("start", "lang", "en", "proof", Proofs.solve(challenge));
        return survivor.await("started");
    }

    private static JsonObject refused(WsClient survivor, String reason) {
        survivor.send("start", "lang", "en");
        JsonObject error = survivor.await("error");
        assertEquals("rate_limited", error.getString("code"), "refused: " + error);
        assertEquals(reason, error.getString("reason"));
        assertFalse(error.getJsonArray("referrals").isEmpty(), "a refusal always carries the referrals");
        assertEquals("National Domestic Violence Hotline", error.getJsonArray("referrals").getJsonObject(0).getString("name"));
        String message = error.getString("message");
        assertTrue(message != null && !message.startsWith("error."), "says why, in words: " + message);
        survivor.expectNone("started", 100);
        return error;
    }

    private int queued() throws Exception {
        return TestHub.await(hub.hub.liveStore().queue()).size();
    }

    @Test
    void floodingSourceGetsItsShareThenChallengesThenRefusalsWhileAnotherSourceStartsAtOnce() throws Exception {
        hub(Map.of());
        List<WsClient> flood = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsClient s = hub.survivorFrom(FLOODER);
            startsFree(s);
            flood.add(s);
        }
        for (int i = 3; i < 10; i++) {
            WsClient s = hub.survivorFrom(FLOODER);
            startsWithProof(s);
            flood.add(s);
        }
        WsClient eleventh = hub.survivorFrom(FLOODER);
        JsonObject refusal = refused(eleventh, "source");
        assertTrue(refusal.getString("message").contains("network"), refusal.getString("message"));
        refused(eleventh, "source"); // and again: never a silent drop
        assertEquals(10, queued(), "one source holds no more than limits.maxQueuedPerSource");

        WsClient genuine = hub.survivor();
        assertEquals(11, startsFree(genuine).getInteger("position"), "another source starts at once");
        assertTrue(genuine.drain("challenge").isEmpty());
    }

    /** With the live store in Redis a start takes a round trip: starts sent together must not all slip under the limit. */
    @Test
    void startsSentTogetherStillGetOnlyTheSourcesShare() throws Exception {
        redis.flushAll();
        hub(Map.of("HEARTH_LIVE_REDIS_URL", redis.url()));
        List<WsClient> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) burst.add(hub.survivorFrom(FLOODER));
        burst.forEach(s -> s.send("start", "lang", "en"));
        int started = 0;
        for (WsClient s : burst) {
            JsonObject answer = s.awaitFrame(f -> Set.of("started", "challenge").contains(f.getString("type")), 5000);
            if (answer.getString("type").equals("started")) started++;
        }
        assertEquals(3, started, "limits.queuedPerSource free, the rest challenged");
        assertEquals(3, queued());
    }

    @Test
    void sourceStartsFreeAgainOnceItsChatsLeaveTheQueue() throws Exception {
        hub(Map.of("HEARTH_LIMITS_QUEUED_PER_SOURCE", "1", "HEARTH_LIMITS_MAX_QUEUED_PER_SOURCE", "1"));
        WsClient advocate = hub.advocateOnShift("maria");
        String first = startsFree(hub.survivorFrom(FLOODER)).getString("conversation");
        WsClient second = hub.survivorFrom(FLOODER);
        refused(second, "source");

        advocate.send("accept", "conversation", first);
        advocate.await("conversation");
        startsFree(second);
    }

    @Test
    void validProofStartsAndAWrongOrReusedOneIsRefusedClearly() throws Exception {
        hub(Map.of("HEARTH_LIMITS_QUEUED_PER_SOURCE", "1"));
        startsFree(hub.survivor());
        WsClient survivor = hub.survivor();
        survivor.send("start", "lang", "en");
        JsonObject challenge = survivor.await("challenge");
        assertEquals(22, challenge.getString("challenge").length(), "128 random bits");

        survivor.send("start", "lang", "en", "proof", wrongNonce(challenge));
        JsonObject wrong = survivor.await("error");
        assertEquals("bad_request", wrong.getString("code"));
        assertEquals("The connection check did not pass. Please start the chat again.", wrong.getString("message"));

        survivor.send("start", "lang", "en", "proof", Proofs.solve(challenge));
        assertEquals("bad_request", survivor.await("error").getString("code"), "a challenge answers once, right or wrong");

        survivor.send("start", "lang", "en");
        JsonObject fresh = survivor.await("challenge");
        assertFalse(fresh.getString("challenge").equals(challenge.getString("challenge")));
        survivor.send("start", "lang", "en", "proof", Proofs.solve(fresh));
        assertEquals(2, survivor.await("started").getInteger("position"));

        WsClient unasked = hub.survivorFrom(FLOODER);
        unasked.send("start", "lang", "en", "proof", "0");
        assertEquals("bad_request", unasked.await("error").getString("code"), "a proof nobody asked for is refused");
        startsFree(unasked);
    }

    private static String wrongNonce(JsonObject challenge) {
        for (long n = 0; ; n++) {
            if (!ProofOfWork.solves(challenge.getString("challenge"), "x" + n, challenge.getInteger("bits"))) return "x" + n;
        }
    }

    @Test
    void surgeAsksRepeatSourcesForProofAndAtTenTimesTheRateRefusesEveryone() throws Exception {
        hub(Map.of("HEARTH_LIMITS_STARTS_PER_MINUTE", "1"));
        startsFree(hub.survivorFrom("127.0.0.10"));
        // Over the rate: a source that already started this minute pays; a first-time source does not.
        startsWithProof(hub.survivorFrom("127.0.0.10"));
        for (int i = 1; i <= 8; i++) startsFree(hub.survivorFrom("127.0.0." + (20 + i)));
        assertEquals(10, queued());

        refused(hub.survivorFrom("127.0.0.29"), "surge");
        JsonObject surge = refused(hub.survivor(), "surge");
        assertNotNull(surge.getString("message"));

        hub.clock.advance(Duration.ofSeconds(61));
        startsFree(hub.survivor());
    }
}
