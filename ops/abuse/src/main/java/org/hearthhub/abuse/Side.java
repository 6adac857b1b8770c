package org.hearthhub.abuse;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.hearthhub.loadtest.OneLoop;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One side's clients, every connection bound to one loopback address, so the hub sees one source per
 * side: the attacker on {@link #ATTACKER}, the genuine survivor and lead on {@link #GENUINE}.
 */
final class Side implements AutoCloseable {
    static final String ATTACKER = "127.0.0.66";
    static final String GENUINE = "127.0.0.1";
    private static final int TIMEOUT_MS = 15_000;

    final String address;
    /** Where every HTTP request of this side is made ({@link OneLoop}). */
    private final Context loop;
    private final HttpClient http;
    private final WebSocketClient ws;
    private final NetClient tcp;

    Side(Vertx vertx, String address) {
        this.address = address;
        this.loop = vertx.getOrCreateContext();
        this.http = vertx.createHttpClient(new HttpClientOptions().setLocalAddress(address).setConnectTimeout(TIMEOUT_MS),
                new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(10_000));
        this.ws = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(address)
                .setMaxConnections(100_000).setConnectTimeout(TIMEOUT_MS));
        this.tcp = vertx.createNetClient(new NetClientOptions().setLocalAddress(address).setConnectTimeout(TIMEOUT_MS));
    }

    /** An HTTP answer: status, body, the time from sending the request to the end of the body, and its Set-Cookie headers. */
    record Answer(int status, String body, long millis, List<String> cookies) {
    }

    Future<Answer> request(HttpMethod method, String url, Map<String, String> headers, String body) {
        long t0 = System.nanoTime();
        RequestOptions req = new RequestOptions().setMethod(method).setAbsoluteURI(url).setIdleTimeout(TIMEOUT_MS);
        headers.forEach(req::putHeader);
        // The whole exchange is bounded (waiting for a pooled connection included), so an unanswered request
        // is an outcome ("timed out") rather than a harness stuck until its test's limit.
        return OneLoop.on(loop, () -> http.request(req)
                        .compose(r -> body == null ? r.send() : r.send(body))
                        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b.toString(), (System.nanoTime() - t0) / 1_000_000,
                                List.copyOf(resp.cookies())))))
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    Future<Answer> get(String url) {
        return request(HttpMethod.GET, url, Map.of(), null);
    }

    /** The queue length the public status reports; -1 when it does not answer. */
    Future<Integer> queueLength(String hubUrl) {
        return get(hubUrl + "/api/v1/status?lang=en")
                .map(a -> a.status() == 200 ? new JsonObject(a.body()).getInteger("queueLength", -1) : -1)
                .otherwise(-1);
    }

    /** {@code POST /api/v1/login} as a script does it (no Origin header), bringing no cookie. */
    Future<Answer> login(String hubUrl, String username, String password) {
        return login(hubUrl, username, password, null);
    }

    /** {@code POST /api/v1/login} bringing {@code cookie} ({@code name=value}, null for none). */
    Future<Answer> login(String hubUrl, String username, String password, String cookie) {
        String body = new JsonObject().put("username", username).put("password", password).encode();
        Map<String, String> headers = cookie == null ? Map.of("Content-Type", "application/json")
                : Map.of("Content-Type", "application/json", "Cookie", cookie);
        return request(HttpMethod.POST, hubUrl + "/api/v1/login", headers, body);
    }

    Future<WebSocket> survivorSocket(String hubUrl) {
        URI base = URI.create(hubUrl);
        // The connect timeout covers TCP only; a handshake the hub never answers must end too. No Origin, as a script
        // sends none (Vert.x would name the address it dials, which a browser on the hub's page never would).
        return ws.connect(new WebSocketConnectOptions().setHost(base.getHost()).setPort(base.getPort()).setURI("/ws/survivor")
                        .setAllowOriginHeader(false))
                .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** A bare TCP connection to the hub's port, nothing sent. */
    Future<NetSocket> tcp(String hubUrl) {
        URI base = URI.create(hubUrl);
        return tcp.connect(base.getPort(), base.getHost());
    }

    /** Closes {@code ws} and passes {@code answer} on, whether or not the hub had closed it first. */
    static Future<String> close(WebSocket ws, String answer) {
        return ws.close().transform(r -> Future.succeededFuture(answer));
    }

    /**
     * An answer as the tables show it: the status, and for a 429 the {@code reason} the hub gave (docs/protocol.md),
     * so a refusal says which wait it is: {@code 401}, {@code 429 busy}, {@code 429 unknown_devices_locked}.
     */
    static String outcome(Answer answer) {
        if (answer.status() != 429) return String.valueOf(answer.status());
        try {
            String reason = new JsonObject(answer.body()).getString("reason");
            return reason == null ? "429" : "429 " + reason;
        } catch (RuntimeException notJson) {
            return "429";
        }
    }

    /** How a request or connection attempt failed, as an outcome name: {@code refused 429}, {@code timed out}. */
    static String failure(Throwable e) {
        if (e instanceof UpgradeRejectedException u) return "refused " + u.getStatus();
        String kind = e.getClass().getSimpleName();
        if (kind.contains("Timeout")) return "timed out";
        if (kind.equals("ConnectException")) return "connect refused";
        return "failed (" + kind + ")";
    }

    @Override
    public void close() {
        http.close();
        ws.close();
        tcp.close();
    }
}
