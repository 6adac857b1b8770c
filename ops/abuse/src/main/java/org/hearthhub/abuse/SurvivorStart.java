package org.hearthhub.abuse;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;

/**
 * A survivor's {@code start} (docs/protocol.md) on an open socket, and the hub's first decisive answer
 * to it as the tables name it: {@code started}, an error code ({@code rate_limited}, {@code queue_full}),
 * {@code challenge}, {@code program closed}, {@code close 4408}, or {@code no answer}.
 */
final class SurvivorStart {
    static final String STARTED = "started";
    private static final long LIMIT_MS = 15_000;

    private SurvivorStart() {
    }

    /** An answer and the time from opening the socket to it. */
    record Trial(String answer, long millis) {
        boolean started() {
            return answer.startsWith(STARTED);
        }
    }

    /**
     * The genuine survivor from {@code side}: opens a socket, starts (solving a challenge as the widget
     * would), and ends a chat that started at once, so that the queue stays the attacker's.
     */
    static Future<Trial> genuine(Vertx vertx, Side side, String hubUrl) {
        long t0 = System.nanoTime();
        return side.survivorSocket(hubUrl)
                .compose(ws -> send(vertx, ws, true).compose(answer -> {
                    Trial trial = new Trial(answer, (System.nanoTime() - t0) / 1_000_000);
                    if (trial.started()) ws.writeTextMessage(new JsonObject().put("type", "end").encode());
                    return Side.close(ws, answer).map(trial);
                }))
                .otherwise(e -> new Trial(Side.failure(e), (System.nanoTime() - t0) / 1_000_000));
    }

    /**
     * @param solveChallenges whether to answer a {@code challenge} frame with a proof of work and start
     *                        again, as the widget does (the genuine survivor), or stop there (the attacker)
     */
    static Future<String> send(Vertx vertx, WebSocket ws, boolean solveChallenges) {
        Promise<String> answer = Promise.promise();
        long timer = vertx.setTimer(LIMIT_MS, id -> answer.tryComplete("no answer"));
        boolean[] solved = {false};
        ws.textMessageHandler(text -> {
            JsonObject f = new JsonObject(text);
            switch (String.valueOf(f.getString("type"))) {
                case "started" -> answer.tryComplete(solved[0] ? STARTED + " after a challenge" : STARTED);
                case "error" -> answer.tryComplete(String.valueOf(f.getString("code")));
                case "closed" -> answer.tryComplete("program closed");
                case "challenge" -> {
                    if (!solveChallenges || solved[0]) {
                        answer.tryComplete("challenge");
                        return;
                    }
                    solved[0] = true;
                    String challenge = f.getString("challenge");
                    int bits = f.getInteger("bits", 0);
                    vertx.executeBlocking(() -> ProofOfWork.solve(challenge, bits)).onSuccess(nonce -> {
                        if (nonce == null) answer.tryComplete("challenge not solvable");
                        // The proof format follows the brief of the surge guard; the challenge is repeated for a stateless hub.
                        else ws.writeTextMessage(start().put("challenge", challenge).put("proof", nonce).encode());
                    });
                }
                default -> {
                    // queue positions and the like: not an answer to start
                }
            }
        });
        ws.closeHandler(v -> answer.tryComplete("close " + ws.closeStatusCode()));
        ws.writeTextMessage(start().encode());
        return answer.future().onComplete(r -> vertx.cancelTimer(timer));
    }

    private static JsonObject start() {
        return new JsonObject().put("type", "start").put("lang", "en");
    }
}
