package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.Sender;
import org.hearthhub.testing.BothLiveStores;
import org.hearthhub.testing.RedisServer;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live transcript keeps only its newest messages within {@link TranscriptBudget}, in both live stores:
 * the same behaviour in one JVM and on a real redis-server. Seqs never change; the resend index shrinks
 * with the transcript; a resend of a trimmed message is still a duplicate while its id is remembered.
 */
class TranscriptBudgetTest {
    private static final Instant T0 = Instant.parse("2026-11-23T15:00:00Z");

    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();
    @RegisterExtension
    static final BothLiveStores stores = new BothLiveStores(redis);

    LiveStore store;
    String kind;

    private LiveStore open(String kind, TranscriptBudget budget) throws Exception {
        this.kind = kind;
        return stores.open(kind, budget);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    private String live() throws Exception {
        Conversation c = new Conversation(Ids.random(16), Channel.WEB, "en", ConversationState.QUEUED, T0, null, T0, null,
                null, null, T0.plusSeconds(60), null);
        await(store.enqueue(c, 100));
        return c.id();
    }

    private AppendResult say(String id, String clientId, String text) throws Exception {
        return await(store.append(id, Sender.SURVIVOR, clientId, text, T0));
    }

    private List<Long> seqsAfter(String id, long afterSeq) throws Exception {
        return await(store.messagesAfter(id, afterSeq)).stream().map(ChatMessage::seq).toList();
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    private String key(String id, String part) {
        return "hearth:{main}:conv:" + id + ":" + part;
    }

    /** The resend index's size: the store's own count in memory, HLEN of the clients hash on Redis. */
    private long clientIdsIndexed(String id) {
        if (kind.equals("memory")) return ((InMemoryLiveStore) store).clientIdsIndexed(id);
        AtomicLong n = new AtomicLong();
        redis.inspect(r -> n.set(r.hlen(key(id, "clients"))));
        return n.get();
    }

    /** How many trimmed messages' ids are remembered: the store's count in memory, ZCARD on Redis. */
    private long trimmedIdsRemembered(String id) {
        if (kind.equals("memory")) return ((InMemoryLiveStore) store).trimmedIdsRemembered(id);
        AtomicLong n = new AtomicLong();
        redis.inspect(r -> n.set(r.zcard(key(id, "gone"))));
        return n.get();
    }

    /** Whether any value the live store holds contains the text. */
    private boolean storeHolds(String needle) {
        if (kind.equals("memory")) return ((InMemoryLiveStore) store).containsText(needle);
        return redis.holdsText(needle);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theCountBudgetDropsTheOldestMessagesAndSeqsNeverChange(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(5, 100_000));
        String id = live();
        for (int i = 1; i <= 12; i++) assertEquals(i, say(id, "c" + i, "m" + i).message().seq(), "seqs go on past the trim");
        List<ChatMessage> kept = await(store.messagesAfter(id, 0));
        assertEquals(range(8, 12), kept.stream().map(ChatMessage::seq).toList(), "the newest five, with their own seqs");
        assertEquals(List.of("m8", "m9", "m10", "m11", "m12"), kept.stream().map(ChatMessage::text).toList());
        assertEquals("c8", kept.get(0).clientId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theCharsBudgetDropsTheOldestAndCountsCharactersAsJavaDoes(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(1000, 20));
        String id = live();
        // Five characters each, but 10 bytes of UTF-8 (é) or 20 (emoji, two UTF-16 units each: 10 characters).
        say(id, "c1", "ééééé");
        say(id, "c2", "abcde");
        say(id, "c3", "ééééé");
        assertEquals(range(1, 3), seqsAfter(id, 0), "15 characters fit in 20");
        say(id, "c4", "fghij");
        assertEquals(range(1, 4), seqsAfter(id, 0), "20 characters are the budget, not over it");
        say(id, "c5", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00");
        assertEquals(range(3, 5), seqsAfter(id, 0), "10 more: the oldest go until 20 hold again (5 + 5 + 10)");
        say(id, "c6", "x".repeat(19));
        assertEquals(List.of(6L), seqsAfter(id, 0), "19 more leave room for nothing older");
        AppendResult huge = say(id, "c7", "y".repeat(50));
        assertEquals(7L, huge.message().seq());
        assertEquals(List.of("y".repeat(50)), await(store.messagesAfter(id, 0)).stream().map(ChatMessage::text).toList(),
                "a message over the whole budget is kept alone: the new one is never dropped");
        say(id, "c8", "z");
        assertEquals(List.of(8L), seqsAfter(id, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void readingAfterATrimmedSeqAnswersTheWholeKeptTail(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(5, 100_000));
        String id = live();
        for (int i = 1; i <= 20; i++) say(id, "c" + i, "m" + i);
        assertEquals(range(16, 20), seqsAfter(id, 0));
        assertEquals(range(16, 20), seqsAfter(id, 3), "a trimmed seq: every message still kept");
        assertEquals(range(16, 20), seqsAfter(id, 15), "the last trimmed one: the same");
        assertEquals(range(18, 20), seqsAfter(id, 17), "a kept seq: what follows it");
        assertEquals(List.of(), seqsAfter(id, 20));
        assertEquals(List.of(), seqsAfter(id, 1_000_000));
        assertEquals(List.of(), seqsAfter(id, Long.MAX_VALUE));
        assertEquals(range(16, 20), seqsAfter(id, -7));
        assertEquals(List.of(), seqsAfter("unknown", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aResendOfAKeptMessageIsTheMessageAlreadyKept(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(5, 100_000));
        String id = live();
        for (int i = 1; i <= 8; i++) say(id, "c" + i, "m" + i);
        AppendResult again = say(id, "c6", "m6");
        assertTrue(again.duplicate());
        assertEquals(new ChatMessage(6, Sender.SURVIVOR, "m6", T0, "c6"), again.message());
        assertEquals(range(4, 8), seqsAfter(id, 0), "nothing added, nothing more trimmed");
        assertEquals(9L, say(id, "c9", "m9").message().seq());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aResendOfATrimmedMessageIsStillADuplicateWithItsOriginalSeq(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(5, 100_000));
        String id = live();
        for (int i = 1; i <= 8; i++) say(id, "c" + i, "m" + i);
        AppendResult again = await(store.append(id, Sender.SURVIVOR, "c2", "m2", T0.plusSeconds(30)));
        assertTrue(again.duplicate(), "a reconnecting client's unacked message, trimmed meanwhile, is not kept twice");
        assertEquals(2L, again.message().seq(), "acked with the seq it was given");
        assertEquals(range(4, 8), seqsAfter(id, 0), "and not appended again");
        AppendResult advocates = await(store.append(id, Sender.ADVOCATE, "c2", "the other side's c2", T0));
        assertFalse(advocates.duplicate(), "another sender's same id is another message");
        assertEquals(9L, advocates.message().seq());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theResendIndexIsBoundedAndAResendTrimmedLongAgoIsANewMessage(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(5, 100_000));
        String id = live();
        int sent = TranscriptBudget.TRIMMED_IDS_REMEMBERED + 50;
        for (int i = 1; i <= sent; i++) say(id, "c" + i, "m" + i);
        assertEquals(5, clientIdsIndexed(id), "only the kept messages are indexed");
        assertEquals(TranscriptBudget.TRIMMED_IDS_REMEMBERED, trimmedIdsRemembered(id), "and a bounded number of trimmed ones");
        long lastTrimmed = sent - 5;
        AppendResult recent = say(id, "c" + lastTrimmed, "again");
        assertTrue(recent.duplicate());
        assertEquals(lastTrimmed, recent.message().seq());
        long oldestRemembered = lastTrimmed - TranscriptBudget.TRIMMED_IDS_REMEMBERED + 1;
        assertTrue(say(id, "c" + oldestRemembered, "again").duplicate(), "the oldest id still remembered");
        // Documented: beyond the remembered ids the store cannot tell, and keeps the resend as a new message.
        AppendResult forgotten = say(id, "c" + (oldestRemembered - 1), "again");
        assertFalse(forgotten.duplicate());
        assertEquals(sent + 1L, forgotten.message().seq());
        assertEquals(5, clientIdsIndexed(id));
        assertEquals(TranscriptBudget.TRIMMED_IDS_REMEMBERED, trimmedIdsRemembered(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void aTrimmedMessagesWordsAreGoneFromTheStoreWhileTheChatIsLive(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(5, 100_000));
        String id = live();
        String canary = "canary-" + Ids.random(8);
        say(id, "c1", "I live at " + canary);
        for (int i = 2; i <= 5; i++) say(id, "c" + i, "m" + i);
        assertTrue(storeHolds(canary), "kept while within the budget");
        say(id, "c6", "m6");
        assertTrue(await(store.conversation(id)) != null, "the chat is still live");
        assertFalse(storeHolds(canary), "trimmed: its words are nowhere in the live store");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void endingATrimmedChatLeavesNothing(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(5, 100_000));
        String id = live();
        for (int i = 1; i <= 12; i++) say(id, "c" + i, "m" + i);
        await(store.end(id, T0));
        assertEquals(List.of(), seqsAfter(id, 0));
        assertEquals(0, clientIdsIndexed(id));
        assertEquals(0, trimmedIdsRemembered(id));
        if (kind.equals("redis")) {
            List<String> left = new ArrayList<>();
            redis.inspect(r -> left.addAll(r.keys("*" + id + "*")));
            assertEquals(List.of(), left);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis"})
    void theTrimmedIdsDieWithTheirConversation(String kind) throws Exception {
        store = open(kind, new TranscriptBudget(5, 100_000));
        // The same instant to the millisecond: a remaining time set again a moment later lands after it now and
        // then (CI once saw 1 ms), so many chats are checked.
        for (int chat = 0; chat < 40; chat++) {
            String id = live();
            for (int i = 1; i <= 8; i++) say(id, "c" + i, "m" + i);
            redis.inspect(r -> {
                long deadline = r.pexpiretime("hearth:{main}:conv:" + id);
                assertTrue(deadline > 0, "the conversation has a deadline");
                for (String part : List.of("msgs", "clients", "gone")) {
                    assertEquals(deadline, r.pexpiretime(key(id, part)), part + " expires with its conversation");
                }
            });
        }
    }
}
