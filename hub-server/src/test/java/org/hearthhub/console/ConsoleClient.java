package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;

import java.util.List;

/** Plain HTTP calls to the console as a signed-in (or anonymous) person, redirects not followed. */
final class ConsoleClient {
    /** A signed-in staff member: the Cookie header value and the session's CSRF token. */
    record Staff(String username, String cookie, String csrf) {
    }

    private final TestHub hub;

    ConsoleClient(TestHub hub) {
        this.hub = hub;
    }

    Staff account(String username, Role role) throws Exception {
        if (TestHub.await(hub.hub.accounts().account(username)).isEmpty()) {
            hub.addAccount(username, role, List.of("en", "es"), 2);
        }
        return login(username, TestHub.PASSWORD, null);
    }

    /**
     * As if the person had replaced the password a lead gave them (PasswordChangeGateTest covers that
     * step), for tests about something else.
     */
    void ownPasswordChosen(String username) throws Exception {
        var store = hub.hub.accounts();
        var account = TestHub.await(store.account(username)).orElseThrow();
        TestHub.await(store.saveAccount(account.withPassword(account.passwordHash(), false)));
    }

    Staff login(String username, String password, String totp) throws Exception {
        JsonObject body = new JsonObject().put("username", username).put("password", password);
        if (totp != null) body.put("totp", totp);
        HttpResponse<Buffer> r = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login").sendJsonObject(body));
        if (r.statusCode() != 200) throw new AssertionError("login of " + username + " failed: " + r.statusCode() + " " + r.bodyAsString());
        String setCookie = r.cookies().get(0);
        return new Staff(username, setCookie.substring(0, setCookie.indexOf(';')), r.bodyAsJsonObject().getString("csrfToken"));
    }

    HttpResponse<Buffer> get(String path, Staff who) throws Exception {
        return send(HttpMethod.GET, path, who, null, false);
    }

    /** With the CSRF header when {@code csrf} and a session are given. */
    HttpResponse<Buffer> send(HttpMethod method, String path, Staff who, JsonObject body, boolean csrf) throws Exception {
        return send(method, path, who, body, csrf, null);
    }

    HttpResponse<Buffer> send(HttpMethod method, String path, Staff who, JsonObject body, boolean csrf, String origin) throws Exception {
        HttpRequest<Buffer> req = hub.http().request(method, hub.port(), "localhost", path).followRedirects(false);
        if (who != null) {
            req.putHeader("Cookie", who.cookie());
            if (csrf) req.putHeader("X-CSRF-Token", who.csrf());
        }
        if (origin != null) req.putHeader("Origin", origin);
        return TestHub.await(body == null ? req.send() : req.sendJsonObject(body));
    }

    /** A body sent as written, with the CSRF header: for JSON no {@link JsonObject} can hold (a key given twice). */
    HttpResponse<Buffer> sendText(HttpMethod method, String path, Staff who, String body) throws Exception {
        return TestHub.await(hub.http().request(method, hub.port(), "localhost", path).followRedirects(false)
                .putHeader("Cookie", who.cookie()).putHeader("X-CSRF-Token", who.csrf())
                .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body)));
    }

    HttpResponse<Buffer> put(String path, Staff who, JsonObject body) throws Exception {
        return send(HttpMethod.PUT, path, who, body, true);
    }

    HttpResponse<Buffer> post(String path, Staff who, JsonObject body) throws Exception {
        return send(HttpMethod.POST, path, who, body, true);
    }

    JsonObject status(String lang) throws Exception {
        HttpResponse<Buffer> r = TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/status?lang=" + lang).send());
        return r.bodyAsJsonObject();
    }
}
