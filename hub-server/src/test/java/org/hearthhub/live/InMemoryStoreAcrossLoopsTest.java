package org.hearthhub.live;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.Role;
import org.hearthhub.model.Sender;
import org.hearthhub.model.StaffSession;
import org.hearthhub.util.Ids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-memory store's per-message steps run on whichever loop the socket lives on ({@link AnyLoop}):
 * both sides of a chat appending at once from two loops still get one sequence number each, and a
 * message racing the end of its conversation is either purged with it or refused, never kept.
 */
class InMemoryStoreAcrossLoopsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T15:00:00Z");
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void bothSidesAppendingFromTwoLoopsGetEverySequenceNumberOnce() throws Exception {
        Context[] loops = twoLoops();
        LiveStore store = on(loops[0], () -> LoopConfined.of(LiveStore.class, new InMemoryLiveStore(vertx), vertx));
        String id = enqueue(store, loops[0]);

        int each = 2_000;
        CompletableFuture<List<Long>> survivor = appendMany(store, loops[1], id, Sender.SURVIVOR, each);
        CompletableFuture<List<Long>> advocate = appendMany(store, loops[0], id, Sender.ADVOCATE, each);
        List<Long> seqs = new ArrayList<>(survivor.get(30, TimeUnit.SECONDS));
        seqs.addAll(advocate.get(30, TimeUnit.SECONDS));
        seqs.sort(Long::compare);
        for (int i = 0; i < 2 * each; i++) assertEquals(i + 1L, seqs.get(i), "one sequence number each, none skipped");

        // Both loops trimmed as they went (TranscriptBudget): what is kept is the newest messages, contiguous.
        List<ChatMessage> read = onFuture(loops[1], () -> store.messagesAfter(id, 0));
        long kept = TranscriptBudget.DEFAULT.messages();
        assertEquals(LongStream.rangeClosed(2L * each - kept + 1, 2L * each).boxed().toList(),
                read.stream().map(ChatMessage::seq).toList());
    }

    @Test
    void aMessageRacingTheEndIsPurgedOrRefusedNeverKept() throws Exception {
        Context[] loops = twoLoops();
        InMemoryLiveStore target = on(loops[0], () -> new InMemoryLiveStore(vertx));
        LiveStore store = on(loops[0], () -> LoopConfined.of(LiveStore.class, target, vertx));
        for (int round = 0; round < 20; round++) {
            String id = enqueue(store, loops[0]);
            String canary = "canary-" + Ids.random(8);
            AtomicInteger refused = new AtomicInteger();
            CompletableFuture<Void> writer = new CompletableFuture<>();
            CompletableFuture<Void> writing = new CompletableFuture<>();
            loops[1].runOnContext(v -> {
                // Keep appending until the store says the conversation is gone (the end is sent once this started).
                for (int i = 0; i < 20_000_000; i++) {
                    Future<?> f = store.append(id, Sender.SURVIVOR, "c" + i, canary + " " + i, List.of(), T0);
                    if (i == 0) writing.complete(null);
                    if (f.failed()) {
                        assertTrue(f.cause() instanceof NotLiveException);
                        refused.incrementAndGet();
                        break;
                    }
                }
                writer.complete(null);
            });
            writing.get(10, TimeUnit.SECONDS);
            onFuture(loops[0], () -> store.end(id, T0));
            writer.get(30, TimeUnit.SECONDS);
            assertEquals(1, refused.get(), "the writer was refused once the end took place");
            assertFalse(target.containsText(canary), "nothing of the ended chat is left");
            assertTrue(onFuture(loops[1], () -> store.messagesAfter(id, 0)).isEmpty());
        }
    }

    @Test
    void aMessagesOwnStepsRunOnTheCallersLoopAndEveryOtherStepOnTheOwners() throws Exception {
        Context[] loops = twoLoops();
        LiveStore store = on(loops[0], () -> LoopConfined.of(LiveStore.class, new InMemoryLiveStore(vertx), vertx));
        String id = enqueue(store, loops[0]);
        StaffSession session = new StaffSession("ana", "Ana", Role.ADVOCATE, "csrf", T0, "en");
        Duration idle = Duration.ofMinutes(5);
        // Answered before the call returns only when it ran on the calling loop, without posting to the owner.
        Map<String, Supplier<Future<?>>> anyLoop = new LinkedHashMap<>();
        anyLoop.put("conversation", () -> store.conversation(id));
        anyLoop.put("append", () -> store.append(id, Sender.SURVIVOR, "c1", "hello", List.of(), T0));
        anyLoop.put("messagesAfter", () -> store.messagesAfter(id, 0));
        anyLoop.put("increment", () -> store.increment("rl:msg:" + id, Duration.ofMinutes(1)));
        anyLoop.put("resetCounter", () -> store.resetCounter("rl:msg:" + id));
        anyLoop.put("putSession", () -> store.putSession("s1", session, idle));
        anyLoop.put("touchSession", () -> store.touchSession("s1", idle));
        anyLoop.put("peekSession", () -> store.peekSession("s1"));
        anyLoop.put("removeSession", () -> store.removeSession("s1"));
        Map<String, Supplier<Future<?>>> confined = new LinkedHashMap<>();
        confined.put("queue", store::queue);
        confined.put("conversationByTokenHash", () -> store.conversationByTokenHash("h"));
        confined.put("survivorConnected", () -> store.survivorConnected(id));
        confined.put("shifts", store::shifts);
        confined.put("indexUserSession", () -> store.indexUserSession("ana", "s2", 5, idle));
        confined.put("peek", () -> store.peek("k"));
        confined.put("recentWaits", store::recentWaits);
        confined.put("end", () -> store.end(id, T0));

        Map<String, Boolean> answeredAtOnce = on(loops[1], () -> {
            Map<String, Boolean> out = new LinkedHashMap<>();
            anyLoop.forEach((name, call) -> out.put(name, call.get().isComplete()));
            confined.forEach((name, call) -> out.put(name, call.get().isComplete()));
            return out;
        });
        Map<String, Boolean> expected = new LinkedHashMap<>();
        anyLoop.keySet().forEach(name -> expected.put(name, true));
        confined.keySet().forEach(name -> expected.put(name, false));
        assertEquals(expected, answeredAtOnce);
    }

    private static CompletableFuture<List<Long>> appendMany(LiveStore store, Context loop, String id, Sender from, int n) {
        CompletableFuture<List<Long>> done = new CompletableFuture<>();
        loop.runOnContext(v -> {
            List<Future<AppendResult>> all = new ArrayList<>();
            for (int i = 0; i < n; i++) all.add(store.append(id, from, from.wire() + i, "hello " + i, List.of(), T0));
            Future.all(all).onComplete(r -> {
                if (r.failed()) done.completeExceptionally(r.cause());
                else done.complete(all.stream().map(f -> f.result().message().seq()).toList());
            });
        });
        return done;
    }

    private static String enqueue(LiveStore store, Context loop) throws Exception {
        Conversation c = new Conversation(Ids.random(16), Channel.WEB, "en", ConversationState.QUEUED, T0, null, T0, null,
                null, null, null, null);
        onFuture(loop, () -> store.enqueue(c, 100));
        return c.id();
    }

    private Context[] twoLoops() throws Exception {
        List<Context> contexts = new CopyOnWriteArrayList<>();
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                contexts.add(context);
                return Future.succeededFuture();
            }
        }, new DeploymentOptions().setInstances(4)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Context first = contexts.get(0);
        Thread firstThread = on(first, Thread::currentThread);
        for (Context c : contexts) {
            if (on(c, Thread::currentThread) != firstThread) {
                assertNotSame(firstThread, on(c, Thread::currentThread));
                return new Context[]{first, c};
            }
        }
        throw new IllegalStateException("no second event loop");
    }

    private static <T> T on(Context context, Supplier<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> result.complete(work.get()));
        return result.get(10, TimeUnit.SECONDS);
    }

    private static <T> T onFuture(Context context, Supplier<Future<T>> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> work.get().onComplete(r -> {
            if (r.succeeded()) result.complete(r.result());
            else result.completeExceptionally(r.cause());
        }));
        return result.get(10, TimeUnit.SECONDS);
    }
}
