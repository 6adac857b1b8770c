package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.hearthhub.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retry policy with its pauses recorded instead of waited: production's schedule (the hub's default
 * configuration) is asked for in order, each pause is waited out before the next attempt, and only a request
 * Twilio certainly did not take is tried again. End-to-end tests run the same policy with 1 ms pauses.
 */
class TwilioRetriesTest {
    /** Every pause asked for, in order; each is held until the test ends it. */
    private final List<Long> asked = new ArrayList<>();
    private final List<Promise<Void>> pauses = new ArrayList<>();
    private int attempts;

    private Future<?> pause(long millis) {
        asked.add(millis);
        Promise<Void> p = Promise.promise();
        pauses.add(p);
        return p.future();
    }

    private TwilioRetries production() {
        return new TwilioRetries("SMS", ConfigLoader.load(null, Map.of()).twilio().retryDelaysMillis(), this::pause);
    }

    /** A request that fails with these kinds in turn, then succeeds with its attempt number. */
    private Supplier<Future<String>> failing(SmsFailure.Kind... kinds) {
        return () -> {
            int n = attempts++;
            return n < kinds.length ? Future.failedFuture(new SmsFailure(kinds[n], 503, null)) : Future.succeededFuture("SM" + n);
        };
    }

    private void endPause(int i) {
        pauses.get(i).complete();
    }

    @Test
    void productionPausesAQuarterSecondThenOneThenTwoAndAHalfThenGivesUp() {
        SmsFailure.Kind r = SmsFailure.Kind.RETRYABLE;
        Future<String> sent = production().run("a text", failing(r, r, r, r, r));
        for (int i = 0; i < 3; i++) {
            assertEquals(i + 1, attempts, "no further attempt before pause " + (i + 1) + " ends");
            assertEquals(i + 1, asked.size());
            endPause(i);
        }
        assertEquals(4, attempts, "one try and three retries");
        assertEquals(List.of(250L, 1000L, 2500L), asked, "the pauses, in order");
        assertTrue(sent.failed());
        assertEquals(SmsFailure.Kind.RETRYABLE, ((SmsFailure) sent.cause()).kind());
    }

    @Test
    void aRequestTakenAfterTwoRetriesAnswersItsResult() {
        SmsFailure.Kind r = SmsFailure.Kind.RETRYABLE;
        Future<String> sent = production().run("a ring", failing(r, r));
        endPause(0);
        endPause(1);
        assertEquals("SM2", sent.result());
        assertEquals(List.of(250L, 1000L), asked);
    }

    @Test
    void aRefusedOrUncertainRequestIsNotTriedAgain() {
        for (SmsFailure.Kind kind : List.of(SmsFailure.Kind.REJECTED, SmsFailure.Kind.UNCERTAIN, SmsFailure.Kind.OPTED_OUT)) {
            attempts = 0;
            Future<String> sent = production().run("a text", failing(kind));
            assertTrue(sent.failed(), kind.name());
            assertEquals(kind, ((SmsFailure) sent.cause()).kind());
            assertEquals(1, attempts, kind + " is tried once");
        }
        assertTrue(asked.isEmpty(), "no pause asked for");
    }

    @Test
    void aRetryThatIsRefusedStopsThere() {
        Future<String> sent = production().run("a text", failing(SmsFailure.Kind.RETRYABLE, SmsFailure.Kind.UNCERTAIN));
        endPause(0);
        assertFalse(sent.succeeded());
        assertEquals(SmsFailure.Kind.UNCERTAIN, ((SmsFailure) sent.cause()).kind());
        assertEquals(2, attempts);
        assertEquals(List.of(250L), asked);
    }
}
