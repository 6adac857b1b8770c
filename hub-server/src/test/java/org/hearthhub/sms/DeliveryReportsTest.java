package org.hearthhub.sms;

import io.vertx.core.Future;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LiveStore;
import org.hearthhub.testing.BothLiveStores;
import org.hearthhub.testing.InterleavedStore;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twilio's answer to a send and its report of the text's fate meet whichever comes first, once, in both live
 * stores: the same behaviour in one JVM and on a real redis-server. Once a chat has ended, none of its texts' SIDs is
 * left, whatever the order of its end and Twilio's answers: on Redis the two sides may be two nodes.
 */
class DeliveryReportsTest {
    private static final String LOST = "sms.error.not_delivered";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();
    @RegisterExtension
    static final BothLiveStores stores = new BothLiveStores(redis);

    LiveStore store;
    String kind;
    final List<String> told = Collections.synchronizedList(new ArrayList<>());
    /** The conversations that have ended (gone from the live store): every other one lives. */
    final Set<String> ended = Collections.synchronizedSet(new HashSet<>());
    DeliveryReports reports;
    /** The store as a racing send or end sees it: another step can land between any two of its calls. */
    InterleavedStore<ExpiringValueStore> interleaved;
    /** The same reports over {@link #interleaved}: the racing side (on Redis, as another node would be). */
    DeliveryReports racing;

    private void open(String kind) throws Exception {
        this.kind = kind;
        store = stores.open(kind);
        interleaved = new InterleavedStore<>(ExpiringValueStore.class, store);
        reports = reportsOver(store);
        racing = reportsOver(interleaved.view());
    }

    private DeliveryReports reportsOver(ExpiringValueStore live) {
        return new DeliveryReports(live, () -> Duration.ofHours(12),
                conversation -> Future.succeededFuture(!ended.contains(conversation)), (conversation, key) -> {
            told.add(conversation + " " + key);
            return Future.succeededFuture();
        });
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aFailureReportedAfterTheSendTellsTheAdvocateOnce(String kind) throws Exception {
        open(kind);
        await(reports.sent("conv1", List.of("SM1", "SM2")));
        await(reports.failed("SM2", LOST));
        assertEquals(List.of("conv1 " + LOST), told);
        assertNull(await(store.peek(SmsKeys.sid("SM2"))), "the SID is forgotten once its fate is known");
        await(reports.failed("SM2", LOST));
        assertEquals(List.of("conv1 " + LOST), told, "a repeated report waits as an early fate that no send will claim");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aFailureReportedBeforeTheSendsAnswerTellsTheAdvocateWhenItArrives(String kind) throws Exception {
        open(kind);
        await(reports.failed("SM1", "sms.error.opted_out"));
        await(reports.failed("SM1", "sms.error.opted_out"));
        assertEquals(List.of(), told, "whose text it was is not known yet");
        await(reports.sent("conv1", List.of("SM1")));
        assertEquals(List.of("conv1 sms.error.opted_out"), told);
        assertNull(await(store.peek(SmsKeys.sid("SM1"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aDeliveredTextTellsNobody(String kind) throws Exception {
        open(kind);
        await(reports.sent("conv1", List.of("SM1")));
        await(reports.delivered("SM1"));
        await(reports.failed("SM1", LOST));
        await(reports.sent(null, List.of("SM3")));
        assertEquals(List.of(), told, "a report after 'delivered' waits as an early fate, and no send will claim it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aReportRepeatedManyTimesAtOnceIsToldOnce(String kind) throws Exception {
        open(kind);
        await(reports.sent("conv1", List.of("SM1")));
        List<Future<Void>> repeats = new ArrayList<>();
        for (int i = 0; i < 20; i++) repeats.add(reports.failed("SM1", LOST));
        Future.all(repeats).await(10, TimeUnit.SECONDS);
        assertEquals(List.of("conv1 " + LOST), told);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aChatsEndTakesEveryOneOfItsSidsAndLeavesOtherChatsReportsWorking(String kind) throws Exception {
        open(kind);
        await(reports.sent("conv1", List.of("SM1", "SM2")));
        await(reports.sent("conv1", List.of("SM3")));
        await(reports.sent("conv2", List.of("SM4")));
        end("conv1");
        assertForgotten("conv1", "SM1", "SM2", "SM3");
        await(reports.failed("SM4", LOST));
        assertEquals(List.of("conv2 " + LOST), told, "the chat still on reaches its advocate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aSendTwilioAnswersAfterItsChatsEndWasHandledLeavesNothing(String kind) throws Exception {
        open(kind);
        await(reports.sent("conv1", List.of("SM1")));
        end("conv1");
        // Twilio's 201 for a text sent just before the end comes after it.
        await(reports.sent("conv1", List.of("SM2", "SM3")));
        assertForgotten("conv1", "SM1", "SM2", "SM3");
    }

    /**
     * The end's event is handled a moment after the chat is gone from the store: Twilio's answer to a text sent just
     * before may land in between, and must not leave the chat's earlier SIDs behind (efa8c03's send started the
     * numbering again here, so the end's sweep found none).
     */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aSendTwilioAnswersBetweenTheChatsEndAndItsHandlingLeavesNothing(String kind) throws Exception {
        open(kind);
        await(reports.sent("conv1", List.of("SM1")));
        ended.add("conv1");
        await(reports.sent("conv1", List.of("SM2")));
        await(reports.ended("conv1"));
        assertForgotten("conv1", "SM1", "SM2");
    }

    /** The chat ends and its end is handled (on Redis: on another node) after each step of a send's record in turn. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theEndLandingAfterAnyStepOfASendLeavesNothing(String kind) throws Exception {
        open(kind);
        int steps = 0;
        for (boolean landed = true; landed; steps++) {
            String conversation = "conv" + steps;
            await(reports.sent(conversation, List.of("SM" + steps + "a")));
            interleaved.afterCall(steps + 1, () -> {
                ended.add(conversation);
                return reports.ended(conversation);
            });
            await(racing.sent(conversation, List.of("SM" + steps + "b")));
            landed = !interleaved.cancel();
            if (!landed) await(reports.ended(conversation).onSuccess(v -> ended.add(conversation)));
            assertForgotten(conversation, "SM" + steps + "a", "SM" + steps + "b");
        }
        assertTrue(steps > 2, "the end landed inside the send " + (steps - 1) + " times");
    }

    /** The chat ends after each step of a send's record in turn, and its end is handled only after the send. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theEndLandingAfterAnyStepOfASendAndHandledAfterItLeavesNothing(String kind) throws Exception {
        open(kind);
        int steps = 0;
        for (boolean landed = true; landed; steps++) {
            String conversation = "conv" + steps;
            await(reports.sent(conversation, List.of("SM" + steps + "a")));
            interleaved.afterCall(steps + 1, () -> {
                ended.add(conversation);
                return Future.succeededFuture();
            });
            await(racing.sent(conversation, List.of("SM" + steps + "b")));
            landed = !interleaved.cancel();
            ended.add(conversation);
            await(reports.ended(conversation));
            assertForgotten(conversation, "SM" + steps + "a", "SM" + steps + "b");
        }
        assertTrue(steps > 2, "the end landed inside the send " + (steps - 1) + " times");
    }

    /** Twilio's answer to a text of a chat that has ended lands after each step of the end's handling in turn. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aLateAnswerLandingAfterAnyStepOfTheEndsHandlingLeavesNothing(String kind) throws Exception {
        open(kind);
        int steps = 0;
        for (boolean landed = true; landed; steps++) {
            String conversation = "conv" + steps;
            String late = "SM" + steps + "c";
            await(reports.sent(conversation, List.of("SM" + steps + "a", "SM" + steps + "b")));
            ended.add(conversation);
            interleaved.afterCall(steps + 1, () -> reports.sent(conversation, List.of(late)));
            await(racing.ended(conversation));
            landed = !interleaved.cancel();
            if (!landed) await(reports.sent(conversation, List.of(late)));
            assertForgotten(conversation, "SM" + steps + "a", "SM" + steps + "b", "SM" + steps + "c");
        }
        assertTrue(steps > 2, "the answer landed inside the end " + (steps - 1) + " times");
    }

    private void end(String conversation) throws Exception {
        ended.add(conversation);
        await(reports.ended(conversation));
    }

    private void assertForgotten(String conversation, String... sids) throws Exception {
        for (String sid : sids) assertNull(await(store.peek(SmsKeys.sid(sid))), sid + " of " + conversation + " is forgotten");
        assertEquals(List.of(), keysNaming(conversation), "nothing of the ended chat's texts is kept");
    }

    /** The keys that name the conversation or hold its id, as a seized server would show them. */
    private List<String> keysNaming(String conversation) throws Exception {
        List<String> out = new ArrayList<>();
        if (kind.equals("memory")) {
            for (String key : ((InMemoryLiveStore) store).expiringKeysHeld()) {
                if (key.matches(".*\\b" + conversation + "\\b.*")
                        || key.startsWith("value:") && conversation.equals(await(store.peek(key.substring("value:".length()))))) {
                    out.add(key);
                }
            }
        } else {
            redis.inspect(r -> {
                for (String key : RedisServer.keys(r)) {
                    if (key.matches(".*\\b" + conversation + "\\b.*") || conversation.equals(r.get(key))) out.add(key);
                }
            });
        }
        return out;
    }

    /** The two sides at once, from two threads, many times: every failure is told exactly once, whichever wins. */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aSendAndItsReportRacingAreToldExactlyOnce(String kind) throws Exception {
        open(kind);
        int texts = 300;
        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<Void> sends = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < texts; i++) {
                int n = i;
                step(together, () -> reports.sent("conv" + n, List.of("SM" + n)));
            }
        });
        for (int i = 0; i < texts; i++) {
            int n = i;
            step(together, () -> reports.failed("SM" + n, LOST));
        }
        sends.get(60, TimeUnit.SECONDS);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < texts; i++) expected.add("conv" + i + " " + LOST);
        List<String> got = new ArrayList<>(told);
        Collections.sort(got);
        Collections.sort(expected);
        assertEquals(expected, got);
    }

    private static void step(CyclicBarrier together, Supplier<Future<Void>> call) {
        try {
            together.await(10, TimeUnit.SECONDS);
            await(call.get());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
