package org.hearthhub.abuse;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import org.hearthhub.loadtest.Ramp;
import org.hearthhub.loadtest.Tally;

import java.util.Map;
import java.util.stream.Collectors;

/** Anonymous chats started and ended at once, four at a time: what each one leaves in the data directory. */
final class AuditGrowth extends Attack {
    /** Audit and statistics writes are asynchronous to the {@code ended} frame: let them land before measuring. */
    private static final long SETTLE_MS = 2_000;

    AuditGrowth() {
        super("audit");
    }

    @Override
    String what(Scale scale) {
        return scale.auditChats() + " anonymous chats, each started and ended at once";
    }

    @Override
    void run(Run run) throws Exception {
        Map<String, Long> before = Footprint.files(run.hub().dataDir());
        Tally answers = new Tally();
        run.await(Ramp.run(run.vertx(), run.scale().auditChats(), 4, i -> startAndEnd(run).onSuccess(answers::add)));
        Thread.sleep(SETTLE_MS);
        Map<String, Long> after = Footprint.files(run.hub().dataDir());
        long grown = after.values().stream().mapToLong(Long::longValue).sum() - before.values().stream().mapToLong(Long::longValue).sum();
        long ended = Math.max(1, answers.get("ended"));
        run.results().add("attacker's chats", Results.counts(answers));
        run.results().add("data dir growth per ended chat", String.format("%,d B (%,d B for %d)", grown / ended, grown, ended));
        run.results().add("files that grew", after.entrySet().stream()
                .filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L))
                .map(e -> e.getKey() + " +" + (e.getValue() - before.getOrDefault(e.getKey(), 0L)) + " B")
                .collect(Collectors.joining(", ")));
    }

    private static Future<String> startAndEnd(Run run) {
        return run.attacker().survivorSocket(run.hub().url())
                .compose(ws -> SurvivorStart.send(run.vertx(), ws, false)
                        .compose(answer -> answer.equals(SurvivorStart.STARTED) ? end(run, ws) : Future.succeededFuture(answer))
                        .compose(answer -> Side.close(ws, answer)))
                .otherwise(Side::failure);
    }

    private static Future<String> end(Run run, WebSocket ws) {
        Promise<String> ended = Promise.promise();
        long timer = run.vertx().setTimer(5_000, id -> ended.tryComplete("end not answered"));
        ws.textMessageHandler(text -> {
            if ("ended".equals(new JsonObject(text).getString("type"))) ended.tryComplete("ended");
        });
        ws.writeTextMessage(new JsonObject().put("type", "end").encode());
        return ended.future().onComplete(r -> run.vertx().cancelTimer(timer));
    }
}
