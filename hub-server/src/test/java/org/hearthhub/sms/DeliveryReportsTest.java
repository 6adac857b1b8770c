package org.hearthhub.sms;

import io.vertx.core.Future;
import org.hearthhub.live.LiveStore;
import org.hearthhub.testing.BothLiveStores;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Twilio's answer to a send and its report of the text's fate meet whichever comes first, once, in both live
 * stores: the same behaviour in one JVM and on a real redis-server.
 */
class DeliveryReportsTest {
    private static final String LOST = "sms.error.not_delivered";

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();
    @RegisterExtension
    static final BothLiveStores stores = new BothLiveStores(redis);

    LiveStore store;
    final List<String> told = Collections.synchronizedList(new ArrayList<>());
    DeliveryReports reports;

    private void open(String kind) throws Exception {
        store = stores.open(kind);
        reports = new DeliveryReports(store, (conversation, key) -> {
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
