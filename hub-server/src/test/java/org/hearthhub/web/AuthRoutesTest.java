package org.hearthhub.web;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.auth.LoginAttempts;
import org.hearthhub.model.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class AuthRoutesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final int MAX_FAILURES = 3;

    @TempDir
    Path dataDir;
    private AuthHarness hub;

    @BeforeEach
    void start(Vertx vertx) {
        hub = new AuthHarness(vertx, dataDir, MAX_FAILURES, false);
        hub.addAccount("maria", Role.ADVOCATE, PASSWORD, null);
        hub.addAccount("lena", Role.LEAD, PASSWORD, null);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void successfulLoginSetsAStrictHttpOnlySessionCookieAndReturnsTheCsrfToken() {
        HttpResponse<Buffer> r = hub.login("maria", PASSWORD);

        assertEquals(200, r.statusCode());
        JsonObject body = r.bodyAsJsonObject();
        assertEquals("advocate", body.getString("role"));
        assertEquals("Name of maria", body.getString("displayName"));
        assertTrue(body.getString("csrfToken").length() >= 40, "CSRF token should carry 256 bits");
        assertEquals("no-store", r.getHeader("Cache-Control"));

        String setCookie = AuthHarness.setCookieHeader(r);
        assertNotNull(setCookie);
        // cookie attribute names are case-insensitive (RFC 6265 §5.2); Netty writes "HTTPOnly"
        String attributes = setCookie.toLowerCase(Locale.ROOT);
        assertTrue(attributes.contains("; httponly"), setCookie);
        assertTrue(attributes.contains("; samesite=strict"), setCookie);
        assertTrue(attributes.contains("; path=/"), setCookie);
        assertFalse(attributes.contains("max-age") || attributes.contains("expires"),
                "a session cookie, gone when the browser closes: " + setCookie);
        assertFalse(attributes.contains("secure"), "plain-HTTP test hub: " + setCookie);

        String cookie = AuthHarness.sessionCookie(r);
        assertEquals(43, cookie.length(), "256 bits in base64url");
        assertEquals("maria", hub.get("/api/v1/me", cookie).bodyAsJsonObject().getString("username"));
    }

    @Test
    void usernameIsMatchedIgnoringCaseAndSurroundingSpaces() {
        assertEquals(200, hub.login("  Maria ", PASSWORD).statusCode());
    }

    @Test
    void secureCookieBehindHttps(Vertx vertx, @TempDir Path otherDir) {
        try (AuthHarness https = new AuthHarness(vertx, otherDir, MAX_FAILURES, true)) {
            https.addAccount("maria", Role.ADVOCATE, PASSWORD, null);
            String setCookie = AuthHarness.setCookieHeader(https.login("maria", PASSWORD));
            assertTrue(setCookie.toLowerCase(Locale.ROOT).contains("; secure"), setCookie);
        }
    }

    @Test
    void leadLoginReportsTheLeadRole() {
        assertEquals("lead", hub.login("lena", PASSWORD).bodyAsJsonObject().getString("role"));
    }

    @Test
    void wrongPasswordIs401Forbidden() {
        HttpResponse<Buffer> r = hub.login("maria", "wrong password here");

        assertEquals(401, r.statusCode());
        assertEquals("forbidden", r.bodyAsJsonObject().getString("code"));
        assertNotNull(r.bodyAsJsonObject().getString("message"));
        assertNull(AuthHarness.setCookieHeader(r));
    }

    @Test
    void unknownUserGetsExactlyTheWrongPasswordAnswer() {
        HttpResponse<Buffer> wrongPassword = hub.login("maria", "wrong password here");
        HttpResponse<Buffer> unknownUser = hub.login("nobody", "wrong password here");
        HttpResponse<Buffer> invalidName = hub.login("Not A Valid Name!", "wrong password here");

        assertEquals(401, unknownUser.statusCode());
        assertEquals(wrongPassword.bodyAsString(), unknownUser.bodyAsString());
        assertEquals(wrongPassword.bodyAsString(), invalidName.bodyAsString());
        assertEquals(new java.util.TreeSet<>(wrongPassword.headers().names()), new java.util.TreeSet<>(unknownUser.headers().names()));
    }

    @Test
    void disabledAccountLooksLikeBadCredentials() {
        hub.settings.saveAccount(hub.settings.account("maria").await().orElseThrow().withDisabled(true)).await();

        HttpResponse<Buffer> r = hub.login("maria", PASSWORD);
        assertEquals(401, r.statusCode());
        assertEquals(hub.login("nobody", PASSWORD).bodyAsString(), r.bodyAsString());
    }

    /** Lets the waits between failed tries pass, so a test reaches the lock. */
    private void waitOut() {
        hub.clock.advance(LoginAttempts.MAX_WAIT);
    }

    @Test
    void lockedOutAfterRepeatedFailuresEvenWithTheRightPassword() {
        for (int i = 1; i < MAX_FAILURES; i++) {
            assertEquals(401, hub.login("maria", "wrong password " + i).statusCode());
            waitOut();
        }
        HttpResponse<Buffer> last = hub.login("maria", "wrong password again");
        assertEquals(429, last.statusCode(), "the failure that uses up the allowance locks at once");
        assertEquals("rate_limited", last.bodyAsJsonObject().getString("code"));
        assertEquals("locked", last.bodyAsJsonObject().getString("reason"));
        assertEquals(String.valueOf(15 * 60), last.getHeader("Retry-After"));

        HttpResponse<Buffer> right = hub.login("maria", PASSWORD);
        assertEquals(429, right.statusCode());
        assertNull(AuthHarness.setCookieHeader(right));

        assertEquals(200, hub.login("lena", PASSWORD).statusCode(), "other accounts are not affected");

        hub.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertEquals(200, hub.login("maria", PASSWORD).statusCode(), "the lock lifts after lockoutMinutes");
    }

    @Test
    void unknownUsernamesLockJustLikeRealOnes() {
        for (int i = 1; i < MAX_FAILURES; i++) {
            HttpResponse<Buffer> unknown = hub.login("nobody", "guess " + i);
            assertEquals(hub.login("maria", "guess " + i).bodyAsString(), unknown.bodyAsString());
            if (i >= 2) {
                HttpResponse<Buffer> tooSoon = hub.login("nobody", "too soon");
                assertEquals(429, tooSoon.statusCode(), "the waits apply alike");
                assertEquals(hub.login("maria", "too soon").bodyAsString(), tooSoon.bodyAsString());
            }
            waitOut();
        }
        HttpResponse<Buffer> unknown = hub.login("nobody", "guess again");
        HttpResponse<Buffer> known = hub.login("maria", "guess again");
        assertEquals(429, unknown.statusCode());
        assertEquals(known.bodyAsString(), unknown.bodyAsString());
        assertEquals(known.getHeader("Retry-After"), unknown.getHeader("Retry-After"));
    }

    @Test
    void afterTheSecondFailureEachNextTryWaitsLonger() {
        assertEquals(401, hub.login("maria", "wrong 1").statusCode());
        assertEquals(401, hub.login("maria", "wrong 2").statusCode(), "the first failures cost no wait");
        HttpResponse<Buffer> tooSoon = hub.login("maria", PASSWORD);
        assertEquals(429, tooSoon.statusCode(), "not even the right password is checked during the wait");
        assertEquals("wait", tooSoon.bodyAsJsonObject().getString("reason"));
        assertEquals("1", tooSoon.getHeader("Retry-After"));
        assertEquals(1, tooSoon.bodyAsJsonObject().getInteger("retryAfter"));
        assertEquals(200, hub.login("lena", PASSWORD).statusCode(), "other accounts do not wait");

        hub.clock.advance(Duration.ofSeconds(1));
        assertEquals(200, hub.login("maria", PASSWORD).statusCode(), "the wait is over, and the try is checked");
    }

    @Test
    void theWaitsGrowUpToTheLock(Vertx vertx, @TempDir Path otherDir) {
        try (AuthHarness patient = new AuthHarness(vertx, otherDir, 6, false)) {
            patient.addAccount("maria", Role.ADVOCATE, PASSWORD, null);
            List<String> waits = new ArrayList<>();
            assertEquals(401, patient.login("maria", "wrong 1").statusCode());
            for (int i = 2; i < 6; i++) {
                assertEquals(401, patient.login("maria", "wrong " + i).statusCode());
                waits.add(patient.login("maria", "too soon").getHeader("Retry-After"));
                patient.clock.advance(LoginAttempts.MAX_WAIT);
            }
            assertEquals(List.of("1", "2", "4", "8"), waits);
            assertEquals("locked", patient.login("maria", "wrong 6").bodyAsJsonObject().getString("reason"));
        }
    }

    @Test
    void successClearsEarlierFailures() {
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i < MAX_FAILURES; i++) {
                assertEquals(401, hub.login("maria", "wrong " + i).statusCode());
                waitOut();
            }
            assertEquals(200, hub.login("maria", PASSWORD).statusCode());
        }
    }

    @Test
    void malformedJsonIs400AndTheServerKeepsServing() {
        for (String bad : new String[]{"{\"username\":", "not json", "[1,2]", "\"text\"", "", "{}"}) {
            HttpResponse<Buffer> r = hub.postRaw(AuthRoutes.LOGIN_PATH, "application/json", Buffer.buffer(bad));
            assertEquals(400, r.statusCode(), "body: " + bad);
            assertEquals("bad_request", r.bodyAsJsonObject().getString("code"), "body: " + bad);
        }
        assertEquals(200, hub.login("maria", PASSWORD).statusCode());
    }

    @Test
    void aSignInWithAKeyGivenTwiceIsRefusedByName() {
        HttpResponse<Buffer> r = hub.postRaw(AuthRoutes.LOGIN_PATH, "application/json",
                Buffer.buffer("{\"username\":\"someone\",\"username\":\"maria\",\"password\":\"" + PASSWORD + "\"}"));
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertEquals("bad_request", r.bodyAsJsonObject().getString("code"));
        assertTrue(r.bodyAsJsonObject().getString("message").contains("\"username\""), r.bodyAsString());
        assertNull(r.getHeader("Set-Cookie"), "not signed in as either");
    }

    @Test
    void missingOrMistypedFieldsAre400() {
        JsonObject[] bodies = {
                new JsonObject().put("username", "maria"),
                new JsonObject().put("password", PASSWORD),
                new JsonObject().put("username", "").put("password", PASSWORD),
                new JsonObject().put("username", 42).put("password", PASSWORD),
                new JsonObject().put("username", "maria").put("password", new JsonObject()),
                new JsonObject().put("username", "maria").put("password", PASSWORD).put("totp", 123456),
        };
        for (JsonObject body : bodies) {
            HttpResponse<Buffer> r = hub.login(body);
            assertEquals(400, r.statusCode(), body.encode());
            assertEquals("bad_request", r.bodyAsJsonObject().getString("code"));
        }
        assertEquals(200, hub.login("maria", PASSWORD).statusCode(), "bad requests do not count as failures");
    }

    @Test
    void oversizedBodyIs413TooLarge() {
        String padding = "x".repeat(AuthRoutes.MAX_BODY_BYTES);
        HttpResponse<Buffer> r = hub.login(new JsonObject().put("username", "maria").put("password", padding));

        assertEquals(413, r.statusCode());
        assertEquals("too_large", r.bodyAsJsonObject().getString("code"));
        assertEquals(200, hub.login("maria", PASSWORD).statusCode());
    }

    /**
     * A chunked body names no length up front, so only counting what arrives can stop it. Sent over a plain
     * socket in one write (headers, one oversized chunk, the last chunk) and read with a deadline: an HTTP
     * client that is still sending when the server answers and closes can wait for ever on a lost answer.
     */
    @Test
    void oversizedChunkedBodyWithoutContentLengthIs413Too() throws Exception {
        String padding = "x".repeat(AuthRoutes.MAX_BODY_BYTES * 2);
        byte[] body = new JsonObject().put("username", "maria").put("password", padding).encode().getBytes(StandardCharsets.UTF_8);
        String head = "POST " + AuthRoutes.LOGIN_PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + hub.port
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length) + "\r\n";
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(head.getBytes(StandardCharsets.US_ASCII));
        request.write(body);
        request.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer;
        try (Socket socket = new Socket("127.0.0.1", hub.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toByteArray());
            socket.getOutputStream().flush();
            answer = readUntilClosed(socket);
        }
        assertTrue(answer.startsWith("HTTP/1.1 413"), "413 for a chunked body past the cap: " + answer.lines().findFirst().orElse(""));
        assertTrue(answer.contains("\"too_large\""), "with the error code: " + answer);
        assertEquals(200, hub.login("maria", PASSWORD).statusCode());
    }

    /** What the server sent before it closed (or before a reset, or the socket's deadline, once something came). */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = socket.getInputStream().read(chunk)) >= 0; ) got.write(chunk, 0, n);
        } catch (IOException e) {
            if (got.size() == 0) throw e;
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parallelGuessesCannotSlipPastTheLimit() {
        List<Future<HttpResponse<Buffer>>> guesses = new ArrayList<>();
        for (int i = 0; i < MAX_FAILURES * 4; i++) {
            guesses.add(hub.client.post(AuthRoutes.LOGIN_PATH)
                    .sendJsonObject(new JsonObject().put("username", "maria").put("password", "parallel guess " + i)));
        }
        Future.all(guesses).await();
        long checked = guesses.stream().filter(g -> g.result().statusCode() == 401).count();
        long locked = guesses.stream().filter(g -> g.result().statusCode() == 429).count();

        assertTrue(checked <= MAX_FAILURES - 1, checked + " guesses were checked");
        assertEquals(guesses.size(), checked + locked);
        assertEquals(429, hub.login("maria", PASSWORD).statusCode());
    }

    @Test
    void logoutNeedsTheCsrfTokenThenEndsTheSession() {
        HttpResponse<Buffer> login = hub.login("maria", PASSWORD);
        String cookie = AuthHarness.sessionCookie(login);
        String csrf = login.bodyAsJsonObject().getString("csrfToken");

        HttpResponse<Buffer> noToken = hub.client.post(AuthRoutes.LOGOUT_PATH)
                .putHeader("Cookie", "hearth_session=" + cookie).send().await();
        assertEquals(403, noToken.statusCode());
        assertEquals("forbidden", noToken.bodyAsJsonObject().getString("code"));

        HttpResponse<Buffer> wrongToken = hub.client.post(AuthRoutes.LOGOUT_PATH)
                .putHeader("Cookie", "hearth_session=" + cookie).putHeader("X-CSRF-Token", csrf + "x").send().await();
        assertEquals(403, wrongToken.statusCode());
        assertEquals(200, hub.get("/api/v1/me", cookie).statusCode(), "refused logouts leave the session alone");

        HttpResponse<Buffer> ok = hub.client.post(AuthRoutes.LOGOUT_PATH)
                .putHeader("Cookie", "hearth_session=" + cookie).putHeader("X-CSRF-Token", csrf).send().await();
        assertEquals(204, ok.statusCode());
        String cleared = AuthHarness.setCookieHeader(ok);
        assertNotNull(cleared);
        assertTrue(cleared.toLowerCase(Locale.ROOT).contains("max-age=0"), cleared);

        assertNull(hub.sessions.resolve(cookie).await());
        assertEquals(401, hub.get("/api/v1/me", cookie).statusCode());
    }

    @Test
    void logoutWithoutASessionIs401() {
        HttpResponse<Buffer> r = hub.client.post(AuthRoutes.LOGOUT_PATH).putHeader("X-CSRF-Token", "anything").send().await();
        assertEquals(401, r.statusCode());
        assertEquals("forbidden", r.bodyAsJsonObject().getString("code"));
    }

    @Test
    void loggingInAgainEndsTheBrowsersPreviousSession() {
        String first = AuthHarness.sessionCookie(hub.login("maria", PASSWORD));
        HttpResponse<Buffer> again = hub.client.post(AuthRoutes.LOGIN_PATH).putHeader("Cookie", "hearth_session=" + first)
                .sendJsonObject(new JsonObject().put("username", "maria").put("password", PASSWORD)).await();
        String second = AuthHarness.sessionCookie(again);

        assertNotEquals(first, second);
        assertNull(hub.sessions.resolve(first).await());
        assertNotNull(hub.sessions.resolve(second).await());
    }

    @Test
    void sessionEndsAfterTheIdleTimeButEachRequestExtendsIt() {
        String cookie = AuthHarness.sessionCookie(hub.login("maria", PASSWORD));

        for (int i = 0; i < 4; i++) {
            hub.clock.advance(AuthHarness.IDLE.minusMinutes(1));
            assertEquals(200, hub.get("/api/v1/me", cookie).statusCode(), "request " + i + " within the idle time");
        }
        hub.clock.advance(AuthHarness.IDLE.plusSeconds(1));
        assertEquals(401, hub.get("/api/v1/me", cookie).statusCode());
        assertNull(hub.sessions.resolve(cookie).await());
    }

    @Test
    void leadOnlyRouteIsForbiddenToAnAdvocate() {
        String advocate = AuthHarness.sessionCookie(hub.login("maria", PASSWORD));
        String lead = AuthHarness.sessionCookie(hub.login("lena", PASSWORD));

        HttpResponse<Buffer> r = hub.get("/api/v1/lead-only", advocate);
        assertEquals(403, r.statusCode());
        assertEquals("forbidden", r.bodyAsJsonObject().getString("code"));
        assertEquals(200, hub.get("/api/v1/lead-only", lead).statusCode());
        assertEquals(401, hub.get("/api/v1/lead-only", null).statusCode());
        assertEquals(401, hub.get("/api/v1/lead-only", "forged-cookie-value").statusCode());
    }

    @Test
    void consolePagesRedirectToTheLoginPageWithoutASession() {
        HttpResponse<Buffer> r = hub.get("/console/queue", null);
        assertEquals(302, r.statusCode());
        assertEquals("/console/login", r.getHeader("Location"));

        String cookie = AuthHarness.sessionCookie(hub.login("maria", PASSWORD));
        assertEquals("page", hub.get("/console/queue", cookie).bodyAsString());
    }

    @Test
    void csrfTokenMayComeAsAFormField() {
        HttpResponse<Buffer> login = hub.login("maria", PASSWORD);
        String cookie = AuthHarness.sessionCookie(login);
        String csrf = login.bodyAsJsonObject().getString("csrfToken");

        HttpResponse<Buffer> ok = hub.client.post("/console/form").putHeader("Cookie", "hearth_session=" + cookie)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("name=x&_csrf=" + csrf)).await();
        assertEquals("saved", ok.bodyAsString());

        HttpResponse<Buffer> bad = hub.client.post("/console/form").putHeader("Cookie", "hearth_session=" + cookie)
                .putHeader("Content-Type", "application/x-www-form-urlencoded")
                .sendBuffer(Buffer.buffer("name=x&_csrf=nope")).await();
        assertEquals(403, bad.statusCode());
    }

    @Test
    void loginFromAForeignOriginIsRefused() {
        JsonObject credentials = new JsonObject().put("username", "maria").put("password", PASSWORD);
        HttpResponse<Buffer> foreign = hub.client.post(AuthRoutes.LOGIN_PATH).putHeader("Origin", "https://evil.example")
                .sendJsonObject(credentials).await();
        assertEquals(403, foreign.statusCode());
        assertEquals("forbidden", foreign.bodyAsJsonObject().getString("code"));

        HttpResponse<Buffer> own = hub.client.post(AuthRoutes.LOGIN_PATH).putHeader("Origin", AuthHarness.PUBLIC_URL)
                .sendJsonObject(credentials).await();
        assertEquals(200, own.statusCode());
    }

    @Test
    void totpIsRequiredVerifiedAndSingleUse() throws Exception {
        String secret = TotpSecret.random();
        hub.addAccount("tess", Role.ADVOCATE, PASSWORD, secret);

        HttpResponse<Buffer> noCode = hub.login("tess", PASSWORD);
        assertEquals(401, noCode.statusCode());
        assertEquals(Boolean.TRUE, noCode.bodyAsJsonObject().getBoolean("totpRequired"));
        assertNull(AuthHarness.setCookieHeader(noCode));

        String code = totpAt(secret, hub.clock.instant());
        String wrong = String.format(Locale.ROOT, "%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        HttpResponse<Buffer> wrongCode = hub.login(credentials("tess", PASSWORD, wrong));
        assertEquals(401, wrongCode.statusCode());
        assertEquals(hub.login("nobody", PASSWORD).bodyAsString(), wrongCode.bodyAsString());
        hub.clock.advance(Duration.ofSeconds(1)); // the second failure makes the next try wait a second

        HttpResponse<Buffer> good = hub.login(credentials("tess", PASSWORD, code));
        assertEquals(200, good.statusCode());
        assertNotNull(AuthHarness.sessionCookie(good));

        HttpResponse<Buffer> replay = hub.login(credentials("tess", PASSWORD, code));
        assertEquals(401, replay.statusCode(), "a code works once");

        HttpResponse<Buffer> wrongPasswordRightCode = hub.login(credentials("tess", "wrong password!!", totpAt(secret,
                hub.clock.instant().plusSeconds(30))));
        assertEquals(401, wrongPasswordRightCode.statusCode());
        assertNull(wrongPasswordRightCode.bodyAsJsonObject().getBoolean("totpRequired"), "no hint without the password");
    }

    @Test
    void totpAcceptsOneStepOfClockDriftButNotTwo() throws Exception {
        String secret = TotpSecret.random();
        hub.addAccount("tess", Role.ADVOCATE, PASSWORD, secret);
        Instant now = hub.clock.instant();

        assertEquals(200, hub.login(credentials("tess", PASSWORD, totpAt(secret, now.minusSeconds(30)))).statusCode());
        assertEquals(200, hub.login(credentials("tess", PASSWORD, totpAt(secret, now.plusSeconds(30)))).statusCode());
        assertEquals(401, hub.login(credentials("tess", PASSWORD, totpAt(secret, now.plusSeconds(90)))).statusCode());
        assertEquals(401, hub.login(credentials("tess", PASSWORD, "12ab56")).statusCode());
    }

    private static JsonObject credentials(String username, String password, String totp) {
        return new JsonObject().put("username", username).put("password", password).put("totp", totp);
    }

    private static String totpAt(String base32Secret, Instant at) throws Exception {
        TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30), 6);
        SecretKeySpec key = new SecretKeySpec(TotpSecret.decode(base32Secret), generator.getAlgorithm());
        return String.format(Locale.ROOT, "%06d", generator.generateOneTimePassword(key, at));
    }

}
