package org.hearthhub.abuse;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import org.hearthhub.loadtest.Latency;
import org.hearthhub.loadtest.Tally;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One chat's resume token, used over and over. The attacker starts a chat, fills its transcript to the
 * default budget with the longest messages, then keeps {@link Scale#churnSockets()} sockets resuming it from its
 * first message: each is closed as soon as {@code resumed} arrives and opened again, never reading the
 * catch-up. Every resume asks the hub to write the whole transcript again. Measured besides the witness:
 * the resumes the hub answered, what it refused, its CPU meanwhile, and a genuine survivor's messages in a
 * chat of their own (the time to each {@code ack}).
 */
final class ResumeChurn extends Attack {
    /** The longest message (ConversationService.MAX_TEXT_CHARS), two UTF-8 bytes a character. */
    private static final String LONGEST = "é".repeat(4_000);
    /** Under the per-chat limit of 30 messages a minute (limits.survivorMessagesPerMinute). */
    private static final long GENUINE_PERIOD_MS = 2_100;

    ResumeChurn() {
        super("resume");
    }

    @Override
    String what(Scale scale) {
        return "one chat of " + scale.churnMessages() + " × 4,000 characters resumed from its first message on " + scale.churnSockets()
                + " sockets for " + scale.churnSeconds() + " s, each closed once `resumed` arrives and opened again";
    }

    @Override
    void run(Run run) throws Exception {
        Scale scale = run.scale();
        String token = run.await(filledChat(run, scale.churnMessages()));
        Latency acks = new Latency();
        Tally genuineAnswers = new Tally();
        WebSocket genuine = run.await(run.genuine().survivorSocket(run.hub().url()));
        // Started as the witness starts its survivors (a challenge solved as the widget would); then its answers counted.
        String answer = run.await(SurvivorStart.send(run.vertx(), genuine, true));
        if (!answer.startsWith(SurvivorStart.STARTED)) throw new IllegalStateException("the genuine chat did not start: " + answer);
        genuine.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            if ("ack".equals(frame.getString("type"))) genuineAnswers.add("ack");
            else if ("error".equals(frame.getString("type"))) genuineAnswers.add(frame.getString("code"));
        });

        Tally answers = new Tally();
        AtomicLong resumed = new AtomicLong();
        long t0 = System.nanoTime(), until = t0 + scale.churnSeconds() * 1_000_000_000L;
        Duration cpuBefore = cpu(run.hub().pid());
        List<Future<Void>> loops = new ArrayList<>();
        for (int i = 0; i < scale.churnSockets(); i++) loops.add(churn(run, token, until, answers, resumed));
        int sent = 0;
        while (System.nanoTime() < until) {
            long at = System.nanoTime();
            long before = genuineAnswers.total();
            genuine.writeTextMessage(new JsonObject().put("type", "message").put("clientId", "g" + ++sent).put("text", "are you there?").encode());
            while (genuineAnswers.total() == before && System.nanoTime() - at < 10_000_000_000L) Thread.sleep(1);
            if (genuineAnswers.total() > before) acks.recordNanos(System.nanoTime() - at);
            Run.sleepUntil(at + GENUINE_PERIOD_MS * 1_000_000);
        }
        run.await(Future.join(loops));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Duration cpuAfter = cpu(run.hub().pid());
        genuine.close();

        run.results().add("resumes answered `resumed`", String.format("%d in %.0f s (%.0f a second)", resumed.get(), seconds, resumed.get() / seconds));
        run.results().add("the attacker's other outcomes", answers.total() == 0 ? "none" : Results.counts(answers));
        run.results().add("catch-up asked of the hub", String.format("%.0f MB (%d resumes × %d messages of 8 KB)",
                resumed.get() * scale.churnMessages() * 8_000 / 1e6, resumed.get(), scale.churnMessages()));
        run.results().add("hub CPU during the churn", cpuBefore == null || cpuAfter == null ? "unknown"
                : String.format("%.2f cores", cpuAfter.minus(cpuBefore).toNanos() / 1e9 / seconds));
        Latency.Summary s = acks.summary();
        run.results().add("genuine survivor's messages: answers; time to ack p50 / worst", Results.counts(genuineAnswers)
                + String.format("; %.0f / %.0f ms", s.p50(), s.max()));
    }

    /** A chat started by the attacker and filled with {@code messages} of the largest size; its resume token. */
    private static Future<String> filledChat(Run run, int messages) {
        return run.attacker().survivorSocket(run.hub().url()).compose(ws -> {
            Promise<String> token = Promise.promise();
            AtomicLong acked = new AtomicLong();
            String[] started = new String[1];
            // One message at a time, each 60 ms after the last was acked: under the socket's 20 frames a second
            // however the timers fall on a busy machine.
            Consumer<Long> sendNext = n -> run.vertx().setTimer(60, t -> ws.writeTextMessage(new JsonObject()
                    .put("type", "message").put("clientId", "f" + n).put("text", LONGEST).encode()));
            ws.textMessageHandler(text -> {
                JsonObject f = new JsonObject(text);
                switch (String.valueOf(f.getString("type"))) {
                    case "started" -> {
                        started[0] = f.getString("token");
                        sendNext.accept(1L);
                    }
                    case "ack" -> {
                        long n = acked.incrementAndGet();
                        if (n < messages) sendNext.accept(n + 1);
                        else ws.close().onComplete(v -> token.tryComplete(started[0]));
                    }
                    case "error" -> token.tryFail("the attacker's chat was refused: " + f.getString("code"));
                    default -> {
                    }
                }
            });
            ws.writeTextMessage(new JsonObject().put("type", "start").put("lang", "en").encode());
            return token.future().timeout(30, java.util.concurrent.TimeUnit.SECONDS);
        });
    }

    /** One socket's loop until {@code until}: open, resume from the first message, close at the first answer. */
    private static Future<Void> churn(Run run, String token, long until, Tally answers, AtomicLong resumed) {
        if (System.nanoTime() >= until) return Future.succeededFuture();
        Promise<String> answer = Promise.promise();
        run.attacker().survivorSocket(run.hub().url()).onFailure(e -> answer.tryComplete(Side.failure(e))).onSuccess(ws -> {
            ws.textMessageHandler(text -> {
                JsonObject f = new JsonObject(text);
                String type = String.valueOf(f.getString("type"));
                answer.tryComplete(type.equals("error") ? "error " + f.getString("code") : type);
            });
            ws.closeHandler(v -> answer.tryComplete("close " + ws.closeStatusCode()));
            ws.writeTextMessage(new JsonObject().put("type", "resume").put("token", token).put("lastSeq", 0).encode());
            answer.future().onComplete(r -> ws.close());
        });
        return answer.future().compose(a -> {
            if (a.equals("resumed")) resumed.incrementAndGet();
            else answers.add(a);
            // A refusal is not retried at once: a real attacker would wait a little, and this keeps the loop from spinning.
            return a.equals("resumed") ? churn(run, token, until, answers, resumed)
                    : Future.future(p -> run.vertx().setTimer(100, t -> p.complete())).compose(v -> churn(run, token, until, answers, resumed));
        });
    }

    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(null);
    }
}
