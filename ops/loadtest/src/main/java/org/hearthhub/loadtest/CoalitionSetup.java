package org.hearthhub.loadtest;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Creates a run's programs the way a coalition admin does (docs/coalition.md): signs in, then
 * {@code POST /api/v1/coalition/programs} for each id, with the session cookie, the hub's origin and the
 * CSRF token like any console call. A program the hub already hosts ({@code 409}) is left as it is.
 */
final class CoalitionSetup {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String hub;

    CoalitionSetup(String hub) {
        this.hub = hub;
    }

    /** Signs in as {@code admin} and creates each of {@code programIds}; fails on any other answer than 201 or 409. */
    void createPrograms(String admin, String password, List<String> programIds) throws IOException, InterruptedException {
        HttpResponse<String> login = http.send(post("/api/v1/login",
                new JsonObject().put("username", admin).put("password", password)).build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) throw new IOException("sign-in of coalition admin " + admin + " answered " + login.statusCode());
        String cookie = login.headers().firstValue("set-cookie").map(c -> c.split(";", 2)[0])
                .orElseThrow(() -> new IOException("sign-in of " + admin + " set no session cookie"));
        String csrf = new JsonObject(login.body()).getString("csrfToken");
        for (String id : programIds) {
            HttpRequest create = post("/api/v1/coalition/programs", new JsonObject().put("id", id).put("name", "Load test " + id))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).build();
            HttpResponse<String> answer = http.send(create, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 201 && answer.statusCode() != 409) {
                throw new IOException("creating program " + id + " answered " + answer.statusCode() + ": " + answer.body());
            }
        }
    }

    private HttpRequest.Builder post(String path, JsonObject body) {
        return HttpRequest.newBuilder(URI.create(hub + path)).timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("Origin", hub).POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    }
}
