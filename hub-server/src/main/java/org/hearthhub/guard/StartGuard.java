package org.hearthhub.guard;

import org.hearthhub.config.HubConfig;
import org.hearthhub.live.ConversationStore;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.live.LiveEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Decides what a survivor's {@code start} costs, so that one hostile client cannot take the queue from
 * everyone else while a genuine survivor never notices it:
 * <ul>
 *   <li>per source (this node's count of the queued conversations it started): the first
 *       {@code limits.queuedPerSource} are free, then each start costs a proof of work, and from
 *       {@code limits.maxQueuedPerSource} starts are refused (with the referrals);</li>
 *   <li>hub-wide surge: past {@code limits.startsPerMinute} starts in a minute, a source that already
 *       started one this minute must prove work (a first-time source still starts free); at ten times the
 *       rate every start is refused.</li>
 * </ul>
 * With several nodes, each node counts the sources of its own sockets: a source spread over N nodes may hold
 * up to N times its share.
 */
public final class StartGuard {
    public enum Verdict { START, CHALLENGE, REFUSE_SOURCE, REFUSE_SURGE }

    /** Where the hub-wide count of starts lives in the live store. */
    static final String COUNTER = "starts";
    static final int SURGE_REFUSAL_FACTOR = 10;

    private final HubConfig.Limits limits;
    private final ConversationStore conversations;
    private final ExpiringValueStore counters;
    private final Clock clock;
    private final QueuedBySource ledger = new QueuedBySource();
    private final StartRate rate = new StartRate();

    public StartGuard(HubConfig.Limits limits, ConversationStore conversations, ExpiringValueStore counters, Clock clock) {
        this.limits = limits;
        this.conversations = conversations;
        this.counters = counters;
        this.clock = clock;
    }

    public int challengeBits() {
        return limits.challengeBits();
    }

    /**
     * What this start gets. {@code proved}: the socket answered its challenge. On {@link Verdict#START} a place
     * is held for the source until {@link #started} or {@link #abandoned} is called.
     */
    public Verdict admit(Source source, boolean proved) {
        Instant now = clock.instant();
        Verdict verdict;
        int queued;
        synchronized (this) {
            queued = ledger.count(source);
            long startsThisMinute = rate.count(now);
            if (queued >= limits.maxQueuedPerSource()) {
                verdict = Verdict.REFUSE_SOURCE;
            } else if (startsThisMinute >= (long) SURGE_REFUSAL_FACTOR * limits.startsPerMinute()) {
                verdict = Verdict.REFUSE_SURGE;
            } else if (!proved && (queued >= limits.queuedPerSource()
                    || (startsThisMinute >= limits.startsPerMinute() && rate.startedBefore(source, now)))) {
                verdict = Verdict.CHALLENGE;
            } else {
                ledger.reserve(source);
                rate.admitted(source, now);
                verdict = Verdict.START;
            }
        }
        if (verdict == Verdict.START) {
            counters.increment(COUNTER, StartRate.WINDOW).onSuccess(total -> {
                synchronized (this) {
                    rate.hubWide(total, clock.instant());
                }
            });
        }
        if (queued >= limits.queuedPerSource()) recheck(source, now);
        return verdict;
    }

    public synchronized void started(Source source, String conversation) {
        ledger.started(source, conversation);
    }

    /** An admitted start did not queue (closed meanwhile, queue full, store away): its place is given back. */
    public synchronized void abandoned(Source source) {
        ledger.abandoned(source);
    }

    /** Live events from every node: a conversation that leaves the queue no longer counts against its source. */
    public void onEvent(LiveEvent event) {
        if (event instanceof LiveEvent.Assigned a) left(a.conversation());
        else if (event instanceof LiveEvent.Ended e) left(e.conversation());
    }

    private synchronized void left(String conversation) {
        ledger.left(conversation);
    }

    /** How many sources the ledger holds anything for (tests: it forgets sources whose chats left the queue). */
    public synchronized int sourcesHeld() {
        return ledger.sources();
    }

    /**
     * A source at its limit has its conversations looked up again now and then: an event lost while the live
     * Redis was away must not leave it paying for chats that are long gone.
     */
    private void recheck(Source source, Instant now) {
        List<String> due;
        synchronized (this) {
            due = ledger.dueForRecheck(source, now);
        }
        for (String id : due) {
            conversations.conversation(id).onSuccess(c -> {
                if (c == null || !c.isQueued()) left(id);
            });
        }
    }
}
