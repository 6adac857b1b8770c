package org.hearthhub.voice;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.settings.Account;
import org.hearthhub.model.Role;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.TwilioSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 500 calls ringing the hotline at once, against one node: every webhook of the burst must be answered
 * with TwiML well within the 15 s Twilio waits before it gives the caller an application error. All 500
 * come from one address, as a burst from Twilio's few servers would: signed Twilio webhooks are not
 * held to the per-source connection cap. Prints the answer times (docs/benchmarks.md, "Hotline webhooks").
 */
class HotlineBurstTest {
    private static final int CALLS = 500;
    private static final long TWILIO_WAITS_MS = 15_000;

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    Vertx vertx;
    FakeTwilio twilio;
    TestHub hub;
    WebClient burst;

    @BeforeEach
    void start() throws Exception {
        twilio = FakeTwilio.start(vertx);
        Map<String, String> env = CallForms.hubEnv(twilio);
        env.put("HEARTH_QUEUE_MAX_LENGTH", "2000");
        hub = hubs.start(env);
        hub.addAccount("maria", Role.ADVOCATE, List.of("en", "es"), 3);
        Account maria = TestHub.await(hub.hub.settingsStore().account("maria")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(maria.withPhone("+15550101234")));
        hub.advocateOnShift("maria");
        burst = hub.clientFrom("127.0.0.1", CALLS);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        twilio.close();
    }

    @Test
    void fiveHundredCallsAtOnceAreAllGreetedAndQueuedWellWithinTwiliosWait() throws Exception {
        long[] alone = new long[30];
        for (int i = 0; i < alone.length; i++) alone[i] = run(CallUrls.INBOUND, 1, null)[0];
        Arrays.sort(alone);
        System.out.printf("HOTLINE_BURST one call at a time, greeting: n=%d p50=%d ms max=%d ms%n", alone.length, percentile(alone, 50),
                alone[alone.length - 1]);
        run(CallUrls.INBOUND, 20, "warm-up");
        run(CallUrls.LANGUAGE, 20, "warm-up");
        int before = TestHub.await(hub.hub.liveStore().queue()).size();

        long[] greeted = run(CallUrls.INBOUND, CALLS, "greeting");
        long[] queued = run(CallUrls.LANGUAGE, CALLS, "language choice and queueing");
        assertEquals(before + CALLS, TestHub.await(hub.hub.liveStore().queue()).size(), "every call of the burst waits in the queue");
        assertTrue(percentile(greeted, 99) < TWILIO_WAITS_MS, "greeting p99 within Twilio's wait");
        assertTrue(percentile(queued, 99) < TWILIO_WAITS_MS, "queueing p99 within Twilio's wait");
    }

    /**
     * Sends {@code n} signed webhooks to {@code path} at once; answers each one's time to its TwiML, sorted, in ms
     * (printed unless {@code what} is null).
     */
    private long[] run(String path, int n, String what) throws Exception {
        List<Future<Long>> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, String> form = CallForms.with(CallForms.call(CallForms.newCallSid(), CallForms.newNumber()), "Digits", i % 2 == 0 ? "1" : "2");
            String signature = TwilioSigner.sign(FakeTwilio.AUTH_TOKEN, hub.publicUrl() + path, form);
            MultiMap body = MultiMap.caseInsensitiveMultiMap();
            form.forEach(body::add);
            long sent = System.nanoTime();
            answers.add(burst.post(path).putHeader("X-Twilio-Signature", signature).sendForm(body).map(r -> {
                check(r, path);
                return (System.nanoTime() - sent) / 1_000_000;
            }));
        }
        List<Long> times = TestHub.await(Future.all(answers)).list();
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        if (what != null) System.out.printf("HOTLINE_BURST %s: n=%d p50=%d ms p95=%d ms p99=%d ms max=%d ms%n", what, n, percentile(sorted, 50),
                percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]);
        return sorted;
    }

    private static void check(HttpResponse<Buffer> r, String path) {
        assertEquals(200, r.statusCode(), "answered, not refused: " + r.bodyAsString());
        String xml = r.bodyAsString();
        assertTrue(path.equals(CallUrls.INBOUND) ? xml.contains("<Gather") : xml.contains("<Enqueue"), xml);
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
