package org.hearthhub.guard;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.EndReason;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.testing.MutableClock;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;

import static org.hearthhub.guard.StartGuard.Verdict.CHALLENGE;
import static org.hearthhub.guard.StartGuard.Verdict.REFUSE_SOURCE;
import static org.hearthhub.guard.StartGuard.Verdict.START;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-source ledger's bookkeeping, without sockets: reservations, key rotation, forgetting. */
@ExtendWith(VertxExtension.class)
class StartGuardLedgerTest {
    /** 2 free, refused from 4, surge far away. */
    private static final HubConfig.Limits LIMITS = new HubConfig.Limits(16384, 30, 100_000, 20, 30, 2, 4, 8);
    private StartGuard guard;
    private InMemoryLiveStore live;
    private MutableClock clock;

    @BeforeEach
    void start(Vertx vertx) {
        clock = new MutableClock(Instant.parse("2026-11-23T15:00:00Z"));
        live = new InMemoryLiveStore(vertx, clock);
        guard = new StartGuard(LIMITS, live, live, clock);
    }

    /** A conversation really queued in the live store, as the ledger's re-check expects to find it. */
    private String queued(String id) throws Exception {
        Instant now = clock.instant();
        TestHub.await(live.enqueue(new Conversation(id, Channel.WEB, "en", ConversationState.QUEUED, now, null, now, null, null, null,
                null, null), 100));
        return id;
    }

    /** Four proved starts of this source, each queued: the source is at its limit. */
    private void fourWaitingFrom(Source s) throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(START, guard.admit(s, true));
            guard.started(s, queued("c" + i));
        }
    }

    @Test
    void startsAdmittedButNotYetQueuedCountAlready() {
        Source s = new Source("a", null);
        assertEquals(START, guard.admit(s, false));
        assertEquals(START, guard.admit(s, false));
        assertEquals(CHALLENGE, guard.admit(s, false), "two starts in flight hold the source's two free places");
        guard.abandoned(s);
        assertEquals(START, guard.admit(s, false), "a start that did not queue gives its place back");
    }

    @Test
    void aSourceKeepsItsCountAcrossAKeyRotation() throws Exception {
        Source before = new Source("old-key-hash", null);
        fourWaitingFrom(before);
        Source after = new Source("new-key-hash", "old-key-hash");
        assertEquals(REFUSE_SOURCE, guard.admit(after, true), "the same address under the next key is the same source");
        guard.onEvent(new LiveEvent.Ended("c0", EndReason.AWAY, null, null));
        assertEquals(START, guard.admit(after, true));
    }

    @Test
    void aChatWhoseEndWasNeverHeardIsDroppedByTheRecheck() throws Exception {
        Source s = new Source("a", null);
        fourWaitingFrom(s);
        // c3 ends while this node hears nothing (say the live Redis dropped the event).
        TestHub.await(live.end("c3", clock.instant()));
        assertEquals(REFUSE_SOURCE, guard.admit(s, true), "looked up at most every " + QueuedBySource.RECHECK);
        clock.advance(QueuedBySource.RECHECK);
        assertEquals(REFUSE_SOURCE, guard.admit(s, true), "this refusal has the source's chats looked up again");
        assertEquals(START, guard.admit(s, true), "the chat that is gone no longer counts");
    }

    @Test
    void aSourceIsForgottenOnceItsChatsLeaveTheQueue() {
        Source s = new Source("a", null);
        assertEquals(START, guard.admit(s, false));
        guard.started(s, "c1");
        assertEquals(START, guard.admit(s, false));
        guard.started(s, "c2");
        assertEquals(1, guard.sourcesHeld());
        guard.onEvent(new LiveEvent.Assigned("c1", "maria", "Maria"));
        guard.onEvent(new LiveEvent.Ended("c2", EndReason.SURVIVOR, null, null));
        assertEquals(0, guard.sourcesHeld(), "nothing about a source outlives its queued chats");
    }
}
