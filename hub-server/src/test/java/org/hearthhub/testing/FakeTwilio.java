package org.hearthhub.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A local stand-in for Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}) and
 * Calls API ({@code .../Calls.json} to place a call, {@code .../Calls/{CallSid}.json} to change one):
 * records every form it is sent and answers as Twilio does — 201 with the new message or call, 200 with
 * the changed call, or the scripted errors a test asks for. The real Twilio SDK in the hub talks to it
 * over HTTP.
 */
public final class FakeTwilio implements AutoCloseable {
    public static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    public static final String AUTH_TOKEN = "fake-auth-token-0123456789abcdef";
    public static final String FROM = "+15550000000";

    /** One request as Twilio would have received it. */
    public record Sent(String sid, String accountSid, String to, String from, String body, String statusCallback,
                       String authorization, int answeredWith) {
        @Override
        public String toString() {
            return "Sent[answeredWith=" + answeredWith + ", body=" + body + "]";
        }
    }

    /**
     * One request to the Calls API: a new call ({@code callSid} null, {@code to}/{@code from}/{@code url} set)
     * or a change to one ({@code callSid} set; {@code status} "completed" hangs it up).
     */
    public record CallRequest(String callSid, String newSid, String to, String from, String url, String twiml, String method,
                              String statusCallback, List<String> statusCallbackEvents, String timeout, String record,
                              String status, String accountSid, int answeredWith) {
        public boolean placesCall() {
            return callSid == null;
        }

        @Override
        public String toString() {
            return "CallRequest[" + (callSid == null ? "create url=" + url : "update " + callSid + " status=" + status)
                    + ", answeredWith=" + answeredWith + "]";
        }
    }

    public enum Answer {
        CREATED(201), SERVER_ERROR(500), TOO_MANY_REQUESTS(429), UNSUBSCRIBED(400), INVALID_NUMBER(400),
        /** A load balancer's HTML error page in front of Twilio. */
        BAD_GATEWAY_HTML(502),
        /** An empty 503, as a proxy sends while Twilio is unreachable. */
        UNAVAILABLE_EMPTY(503),
        /** Never answers: the client's timeout decides. */
        STALL(0),
        /** Answers 201 (a text, a new call) only when the test calls {@link #releaseHeld()}: for what may happen before the hub reads it. */
        HELD(201);

        final int status;

        Answer(int status) {
            this.status = status;
        }
    }

    private final HttpServer server;
    private final List<Sent> received = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<CallRequest> calls = new ArrayList<>();
    private final Deque<Answer> callScript = new ArrayDeque<>();
    private final List<String> deletedQueues = new ArrayList<>();
    private final List<String> deletedCalls = new ArrayList<>();
    private final List<String> callDeletionRequests = new ArrayList<>();
    private int refuseNextCallDeletions;
    private final List<Runnable> held = new ArrayList<>();

    private FakeTwilio(HttpServer server) {
        this.server = server;
    }

    public static FakeTwilio start(Vertx vertx) throws Exception {
        FakeTwilio[] self = new FakeTwilio[1];
        Router router = Router.router(vertx);
        router.post("/2010-04-01/Accounts/:sid/Messages.json").handler(BodyHandler.create(false))
                .handler(ctx -> self[0].create(ctx));
        router.post("/2010-04-01/Accounts/:sid/Calls.json").handler(BodyHandler.create(false))
                .handler(ctx -> self[0].call(ctx, null));
        router.post("/2010-04-01/Accounts/:sid/Calls/:callSid").handler(BodyHandler.create(false))
                .handler(ctx -> self[0].call(ctx, ctx.pathParam("callSid").replaceFirst("\\.json$", "")));
        router.delete("/2010-04-01/Accounts/:sid/Queues/:queueSid").handler(ctx -> self[0].deleteQueue(ctx));
        router.delete("/2010-04-01/Accounts/:sid/Calls/:callSid").handler(ctx -> self[0].deleteCall(ctx));
        router.route().handler(ctx -> ctx.response().setStatusCode(404).end());
        HttpServer server = TestHub.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
        self[0] = new FakeTwilio(server);
        return self[0];
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * A hub's Twilio settings for this fake, with a 1 s timeout and 1 ms pauses between its three retries
     * ({@link #RETRY_DELAYS}) so failures stay quick; a fresh map to add to.
     */
    public Map<String, String> hubEnv() {
        return new HashMap<>(Map.of(
                "HEARTH_TWILIO_ACCOUNT_SID", ACCOUNT_SID,
                "HEARTH_TWILIO_AUTH_TOKEN", AUTH_TOKEN,
                "HEARTH_TWILIO_FROM", FROM,
                "HEARTH_TWILIO_API_BASE", baseUrl(),
                "HEARTH_TWILIO_TIMEOUT_SECONDS", "1",
                "HEARTH_TWILIO_RETRY_DELAYS_MILLIS", RETRY_DELAYS));
    }

    /** The pauses before each retry in {@link #hubEnv()}: as many retries as production (0.25, 1, 2.5 s), a millisecond each. */
    public static final String RETRY_DELAYS = "1,1,1";

    /** A fresh number each time, also usable as a canary: "+1555" and seven random digits. */
    public static String newNumber() {
        return "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
    }

    /** The form of Twilio's webhook for a text {@code from} a texter {@code to} a number (left out if null), no media. */
    public static Map<String, String> inboundText(String from, String to, String body) {
        Map<String, String> form = new HashMap<>();
        form.put("MessageSid", "SM" + HexFormat.of().formatHex(randomBytes()));
        form.put("AccountSid", ACCOUNT_SID);
        form.put("From", from);
        if (to != null) form.put("To", to);
        form.put("Body", body);
        form.put("NumMedia", "0");
        return form;
    }

    /** The next requests get these answers, in order; after them every request gets 201 again. */
    public synchronized void answerNext(Answer... answers) {
        script.addAll(List.of(answers));
    }

    private void create(RoutingContext ctx) {
        Answer answer;
        synchronized (this) {
            answer = script.isEmpty() ? Answer.CREATED : script.poll();
        }
        var form = ctx.request().formAttributes();
        Sent sent = new Sent("SM" + HexFormat.of().formatHex(randomBytes()), ctx.pathParam("sid"), form.get("To"), form.get("From") != null ? form.get("From")
                : form.get("MessagingServiceSid"), form.get("Body"), form.get("StatusCallback"),
                ctx.request().getHeader("Authorization"), answer.status);
        synchronized (this) {
            received.add(sent);
            notifyAll();
        }
        if (answer == Answer.STALL) return;
        if (answer == Answer.HELD) hold(ctx, () -> answer(ctx, Answer.CREATED, sent));
        else answer(ctx, answer, sent);
    }

    /** Keeps a request's answer until {@link #releaseHeld()}, which sends it on the request's own context. */
    private synchronized void hold(RoutingContext ctx, Runnable answer) {
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        held.add(() -> context.runOnContext(v -> answer.run()));
    }

    /** Sends the answers of the requests answered {@link Answer#HELD} (texts and calls), in the order they came. */
    public void releaseHeld() {
        List<Runnable> answers;
        synchronized (this) {
            answers = List.copyOf(held);
            held.clear();
        }
        answers.forEach(Runnable::run);
    }

    private void answer(RoutingContext ctx, Answer answer, Sent sent) {
        if (answer == Answer.BAD_GATEWAY_HTML) {
            ctx.response().setStatusCode(502).putHeader("Content-Type", "text/html").end("<html><body><h1>502 Bad Gateway</h1></body></html>");
            return;
        }
        if (answer == Answer.UNAVAILABLE_EMPTY) {
            ctx.response().setStatusCode(503).end();
            return;
        }
        JsonObject body = switch (answer) {
            case CREATED -> new JsonObject()
                    .put("sid", sent.sid())
                    .put("account_sid", sent.accountSid()).put("to", sent.to()).put("from", sent.from())
                    .put("body", sent.body()).put("status", "queued").put("direction", "outbound-api")
                    .put("num_segments", "1").put("num_media", "0").put("api_version", "2010-04-01")
                    .put("date_created", "Mon, 23 Nov 2026 15:00:00 +0000").put("date_updated", "Mon, 23 Nov 2026 15:00:00 +0000");
            case SERVER_ERROR -> error(20500, "Internal Server Error", 500);
            case TOO_MANY_REQUESTS -> error(20429, "Too Many Requests", 429);
            case UNSUBSCRIBED -> error(21610, "Attempt to send to unsubscribed recipient", 400);
            default -> error(21211, "The 'To' number is not a valid phone number.", 400);
        };
        ctx.response().setStatusCode(answer.status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    /** The next requests to the Calls API get these answers, in order; after them, success again. */
    public synchronized void answerNextCalls(Answer... answers) {
        callScript.addAll(List.of(answers));
    }

    private void call(RoutingContext ctx, String callSid) {
        Answer answer;
        synchronized (this) {
            answer = callScript.isEmpty() ? Answer.CREATED : callScript.poll();
        }
        var form = ctx.request().formAttributes();
        String sid = callSid != null ? callSid : "CA" + HexFormat.of().formatHex(randomBytes());
        int status = answer == Answer.CREATED || answer == Answer.HELD ? (callSid == null ? 201 : 200) : answer.status;
        CallRequest request = new CallRequest(callSid, sid, form.get("To"), form.get("From"), form.get("Url"), form.get("Twiml"),
                form.get("Method"), form.get("StatusCallback"), form.getAll("StatusCallbackEvent"), form.get("Timeout"),
                form.get("Record"), form.get("Status"), ctx.pathParam("sid"), status);
        synchronized (this) {
            calls.add(request);
            notifyAll();
        }
        if (answer == Answer.STALL) return;
        if (answer == Answer.HELD) hold(ctx, () -> answerCall(ctx, Answer.CREATED, request));
        else answerCall(ctx, answer, request);
    }

    private void answerCall(RoutingContext ctx, Answer answer, CallRequest request) {
        String sid = request.newSid();
        int status = request.answeredWith();
        String callSid = request.callSid();
        if (answer != Answer.CREATED) {
            JsonObject body = answer == Answer.INVALID_NUMBER ? error(21220, "Call is not in-progress. Cannot redirect.", 400)
                    : error(20500, "Internal Server Error", answer.status);
            ctx.response().setStatusCode(answer.status).putHeader("Content-Type", "application/json").end(body.encode());
            return;
        }
        JsonObject body = new JsonObject().put("sid", sid).put("account_sid", ctx.pathParam("sid"))
                .put("to", request.to()).put("from", request.from())
                .put("status", callSid == null ? "queued" : request.status() != null ? request.status() : "in-progress")
                .put("direction", "outbound-api").put("api_version", "2010-04-01")
                .put("uri", "/2010-04-01/Accounts/" + ctx.pathParam("sid") + "/Calls/" + sid + ".json");
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private void deleteQueue(RoutingContext ctx) {
        synchronized (this) {
            deletedQueues.add(ctx.pathParam("queueSid").replaceFirst("\\.json$", ""));
            notifyAll();
        }
        ctx.response().setStatusCode(204).end();
    }

    private void deleteCall(RoutingContext ctx) {
        boolean tooEarly;
        synchronized (this) {
            callDeletionRequests.add(ctx.pathParam("callSid").replaceFirst("\\.json$", ""));
            tooEarly = refuseNextCallDeletions > 0;
            if (tooEarly) refuseNextCallDeletions--;
            else deletedCalls.add(ctx.pathParam("callSid").replaceFirst("\\.json$", ""));
            notifyAll();
        }
        if (tooEarly) {
            ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json")
                    .end(error(20009, "Cannot delete this resource before it is complete", 400).encode());
        } else {
            ctx.response().setStatusCode(204).end();
        }
    }

    /** The next call-record deletions are refused as Twilio does while it still processes a call (20009). */
    public synchronized void refuseNextCallDeletions(int n) {
        refuseNextCallDeletions = n;
    }

    /** Every request to delete a call record, refused or not, by SID. */
    public synchronized List<String> callDeletionRequests() {
        return List.copyOf(callDeletionRequests);
    }

    /** Call records deleted through the Calls API, by SID. */
    public synchronized List<String> deletedCalls() {
        return List.copyOf(deletedCalls);
    }

    /** Queues deleted through the Queues API, by SID. */
    public synchronized List<String> deletedQueues() {
        return List.copyOf(deletedQueues);
    }

    /** Every request to the Calls API so far. */
    public synchronized List<CallRequest> callRequests() {
        return List.copyOf(calls);
    }

    /** Waits until a request to the Calls API matches, and returns it. */
    public synchronized CallRequest awaitCall(Predicate<CallRequest> match) {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            for (CallRequest c : calls) if (match.test(c)) return c;
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return fail("no matching call request reached the fake Twilio; got " + calls);
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    private static JsonObject error(int code, String message, int status) {
        return new JsonObject().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    /** Every request so far, whatever it was answered with. */
    public synchronized List<Sent> received() {
        return List.copyOf(received);
    }

    /** Texts Twilio accepted (201): what reached the texter's phone. */
    public synchronized List<Sent> delivered() {
        return received.stream().filter(s -> s.answeredWith() == 201).toList();
    }

    public synchronized List<Sent> deliveredTo(String number) {
        return delivered().stream().filter(s -> number.equals(s.to())).toList();
    }

    /** Waits until a delivered text matches, and returns it. */
    public Sent awaitDelivered(Predicate<Sent> match) {
        return awaitReceived(s -> s.answeredWith() == 201 && match.test(s));
    }

    /** Waits until at least {@code count} delivered texts match; returns them, oldest first. */
    public synchronized List<Sent> awaitDelivered(Predicate<Sent> match, int count) {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            List<Sent> matching = received.stream().filter(s -> s.answeredWith() == 201 && match.test(s)).toList();
            if (matching.size() >= count) return matching;
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return fail("expected " + count + " matching texts at the fake Twilio; got " + received);
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    public synchronized Sent awaitReceived(Predicate<Sent> match) {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            for (Sent s : received) if (match.test(s)) return s;
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return fail("no matching request reached the fake Twilio; got " + received);
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    /** Waits until at least {@code n} requests arrived in all. */
    public synchronized List<Sent> awaitCount(int n) {
        long deadline = System.currentTimeMillis() + 5000;
        while (received.size() < n) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) fail("expected " + n + " requests at the fake Twilio; got " + received);
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return List.copyOf(received);
    }

    @Override
    public void close() throws Exception {
        TestHub.await(server.close());
    }
}
