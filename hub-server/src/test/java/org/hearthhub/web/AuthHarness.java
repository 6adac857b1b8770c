package org.hearthhub.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.auth.DeviceCookies;
import org.hearthhub.auth.LoginAttempts;
import org.hearthhub.auth.LoginService;
import org.hearthhub.auth.SignInLog;
import org.hearthhub.guard.Sources;
import org.hearthhub.testing.MutableClock;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.ShiftsAtSignOut;
import org.hearthhub.auth.StaffSessions;
import org.hearthhub.auth.TestConfigs;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.model.Role;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real HTTP server with the login routes and a few guarded routes, real stores on a temp dir,
 * and a real client. Time for sessions and lockouts is a {@link MutableClock}.
 */
final class AuthHarness implements AutoCloseable {
    static final String PUBLIC_URL = "https://hub.example.org";
    static final Duration IDLE = Duration.ofMinutes(30);

    final Vertx vertx;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final HubConfig config;
    final InMemoryLiveStore live;
    final FileSettingsStore settings;
    final PasswordHasher hasher;
    final StaffSessions sessions;
    final StaffAuth staffAuth;
    final WebClient client;
    private final HttpServer server;
    final int port;

    AuthHarness(Vertx vertx, Path dataDir, int maxFailedLogins, boolean secureCookies) {
        this.vertx = vertx;
        this.config = TestConfigs.hub(dataDir, PUBLIC_URL, new HubConfig.Auth(30, maxFailedLogins, 15, secureCookies));
        this.live = new InMemoryLiveStore(vertx, clock);
        this.settings = new FileSettingsStore(vertx, dataDir, "main");
        this.hasher = TestConfigs.cheapHasher(vertx);
        this.sessions = new StaffSessions(live, live, IDLE, secureCookies, clock);
        this.staffAuth = new StaffAuth(sessions);
        DeviceCookies devices = DeviceCookies.load(settings, secureCookies, clock).await();
        LoginService login = new LoginService(settings, live, hasher, sessions, config.auth(), clock,
                new LoginAttempts(live, config.auth(), clock), new SignInLog(new AuditLog(settings, clock), clock), devices);

        Router router = Router.router(vertx);
        new AuthRoutes(login, sessions, devices, config, new Sources(List.of(), clock), ShiftsAtSignOut.NONE).mount(router);
        router.get("/api/v1/me").handler(staffAuth.requireSession())
                .handler(ctx -> ctx.json(new JsonObject().put("username", StaffAuth.session(ctx).username())));
        router.get("/api/v1/lead-only").handler(staffAuth.requireSession()).handler(staffAuth.requireLead())
                .handler(ctx -> ctx.end("lead"));
        router.get("/console/queue").handler(staffAuth.requireSession(true)).handler(ctx -> ctx.end("page"));
        router.post("/console/form").handler(BodyHandler.create(false)).handler(staffAuth.requireSession(true))
                .handler(staffAuth.requireCsrf()).handler(ctx -> ctx.end("saved"));
        this.server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
        this.port = server.actualPort();
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setDefaultHost("127.0.0.1").setDefaultPort(port));
    }

    Account addAccount(String username, Role role, String password, String totpSecret) {
        Account account = new Account(username, "Name of " + username, role, hasher.hashNow(password), totpSecret,
                false, 2, List.of("en"), "en", Instant.now());
        settings.saveAccount(account).await();
        return account;
    }

    HttpResponse<Buffer> login(String username, String password) {
        return login(new JsonObject().put("username", username).put("password", password));
    }

    HttpResponse<Buffer> login(JsonObject body) {
        return client.post(AuthRoutes.LOGIN_PATH).sendJsonObject(body).await();
    }

    HttpResponse<Buffer> postRaw(String path, String contentType, Buffer body) {
        return client.post(path).putHeader("Content-Type", contentType).sendBuffer(body).await();
    }

    HttpResponse<Buffer> get(String path, String cookieValue) {
        var request = client.get(path);
        if (cookieValue != null) request.putHeader("Cookie", sessions.cookieName() + "=" + cookieValue);
        return request.send().await();
    }

    /** The session cookie's value from a login response's Set-Cookie, or null. */
    static String sessionCookie(HttpResponse<Buffer> response) {
        String header = setCookieHeader(response);
        if (header == null) return null;
        String value = header.substring(header.indexOf('=') + 1);
        int semicolon = value.indexOf(';');
        return semicolon < 0 ? value : value.substring(0, semicolon);
    }

    /** The session's Set-Cookie header, under either name (plain HTTP or __Host- behind HTTPS), or null. */
    static String setCookieHeader(HttpResponse<Buffer> response) {
        return response.cookies().stream().filter(h -> h.startsWith(StaffSessions.COOKIE + "=")
                || h.startsWith(StaffSessions.HOST_COOKIE + "=")).findFirst().orElse(null);
    }

    @Override
    public void close() {
        client.close();
        server.close().await();
        live.close().await();
        settings.close().await();
    }
}
