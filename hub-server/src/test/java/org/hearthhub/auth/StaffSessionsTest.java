package org.hearthhub.auth;

import org.hearthhub.testing.MutableClock;

import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.live.InMemoryLiveStore;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class StaffSessionsTest {
    private static final Account MARIA = new Account("maria", "Maria", Role.ADVOCATE, "$argon2id$x", null, false, 2,
            List.of("en", "es"), "es", Instant.EPOCH);

    @Test
    void theStoreKeysSessionsByTheCookiesHashNeverTheCookieItself(Vertx vertx) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        InMemoryLiveStore live = new InMemoryLiveStore(vertx, clock);
        StaffSessions sessions = new StaffSessions(live, Duration.ofMinutes(5), false, clock);

        StaffSessions.Created created = sessions.create(MARIA).await();

        assertNull(live.touchSession(created.cookieValue(), Duration.ofMinutes(5)).await());
        StaffSession stored = live.touchSession(StaffSessions.hash(created.cookieValue()), Duration.ofMinutes(5)).await();
        assertNotNull(stored);
        assertEquals("maria", stored.username());
        assertEquals("es", stored.uiLanguage());
        assertEquals(clock.instant(), stored.createdAt());
        assertEquals(64, StaffSessions.hash("x").length());
        assertTrue(created.toString().indexOf(created.cookieValue()) < 0, "toString must not leak the cookie");
        live.close().await();
    }

    @Test
    void aSessionKeptBusyStillEndsAtItsMaximumAge(Vertx vertx) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        InMemoryLiveStore live = new InMemoryLiveStore(vertx, clock);
        StaffSessions sessions = new StaffSessions(live, Duration.ofMinutes(30), Duration.ofHours(16), false, clock);
        StaffSessions.Created created = sessions.create(MARIA).await();
        String hash = StaffSessions.hash(created.cookieValue());
        List<String> ended = new java.util.concurrent.CopyOnWriteArrayList<>();
        live.subscribe(e -> {
            if (e instanceof org.hearthhub.live.LiveEvent.SessionEnded s) ended.add(s.sessionHash());
        });

        for (int i = 0; i < 16 * 3; i++) { // a request every 20 minutes for 16 hours
            clock.advance(Duration.ofMinutes(20));
            assertNotNull(sessions.resolve(created.cookieValue()).await(), "alive after " + (i + 1) * 20 + " minutes");
        }
        clock.advance(Duration.ofMinutes(1));
        assertNull(sessions.peek(hash).await(), "a check without activity sees it ended too");
        assertNull(sessions.resolve(created.cookieValue()).await());
        assertNull(live.peekSession(hash).await(), "removed from the store, not only refused");
        assertTrue(ended.contains(hash), "its consoles are told to close");
        live.close().await();
    }

    @Test
    void everySessionGetsFreshRandomValues(Vertx vertx) {
        InMemoryLiveStore live = new InMemoryLiveStore(vertx);
        StaffSessions sessions = new StaffSessions(live, Duration.ofMinutes(5), false, java.time.Clock.systemUTC());
        StaffSessions.Created a = sessions.create(MARIA).await();
        StaffSessions.Created b = sessions.create(MARIA).await();
        assertNotEquals(a.cookieValue(), b.cookieValue());
        assertNotEquals(a.session().csrfToken(), b.session().csrfToken());
        assertTrue(a.cookieValue().matches("[A-Za-z0-9_-]{43}"));
        live.close().await();
    }

    @Test
    void resolveIgnoresMissingAndAbsurdCookies(Vertx vertx) {
        InMemoryLiveStore live = new InMemoryLiveStore(vertx);
        StaffSessions sessions = new StaffSessions(live, Duration.ofMinutes(5), false, java.time.Clock.systemUTC());
        assertNull(sessions.resolve(null).await());
        assertNull(sessions.resolve("").await());
        assertNull(sessions.resolve("x".repeat(10_000)).await());
        sessions.end(null).await();
        live.close().await();
    }

    @Test
    void cookieAttributes(Vertx vertx) {
        InMemoryLiveStore live = new InMemoryLiveStore(vertx);
        Cookie secure = new StaffSessions(live, Duration.ofMinutes(5), true, java.time.Clock.systemUTC()).cookie("v");
        String encoded = secure.encode().toLowerCase(java.util.Locale.ROOT); // attribute names are case-insensitive
        // __Host-: the browser keeps it only with Secure, Path=/ and no Domain, so no subdomain can plant or shadow it.
        assertTrue(encoded.startsWith("__host-hearth_session=v"), encoded);
        assertTrue(encoded.contains("; secure") && encoded.contains("; httponly") && encoded.contains("; samesite=strict")
                && encoded.contains("; path=/"), encoded);
        assertTrue(!encoded.contains("max-age") && !encoded.contains("domain"), encoded);

        Cookie plain = new StaffSessions(live, Duration.ofMinutes(5), false, java.time.Clock.systemUTC()).cookie("v");
        String plainEncoded = plain.encode().toLowerCase(java.util.Locale.ROOT);
        assertTrue(plainEncoded.startsWith("hearth_session=v") && !plainEncoded.contains("secure"),
                "without HTTPS a Secure (and so __Host-) cookie would not be kept: " + plainEncoded);
        live.close().await();
    }

    @Test
    void cookieFromReadsTheSessionCookieOutOfARawHeader() {
        assertEquals("abc", StaffSessions.cookieFrom("hearth_session=abc", StaffSessions.COOKIE));
        assertEquals("abc", StaffSessions.cookieFrom("theme=dark; hearth_session=abc; other=1", StaffSessions.COOKIE));
        assertEquals("abc", StaffSessions.cookieFrom("theme=dark;hearth_session=abc", StaffSessions.COOKIE));
        assertEquals("abc", StaffSessions.cookieFrom("hearth_session=\"abc\"", StaffSessions.COOKIE));
        assertEquals("a=b", StaffSessions.cookieFrom("hearth_session=a=b", StaffSessions.COOKIE));
        assertNull(StaffSessions.cookieFrom(null, StaffSessions.COOKIE));
        assertNull(StaffSessions.cookieFrom("", StaffSessions.COOKIE));
        assertNull(StaffSessions.cookieFrom("hearth_session=", StaffSessions.COOKIE));
        assertNull(StaffSessions.cookieFrom("not_hearth_session=abc; hearth_sessionx=abc", StaffSessions.COOKIE));
        assertNull(StaffSessions.cookieFrom("garbage without equals", StaffSessions.COOKIE));
        assertEquals("abc", StaffSessions.cookieFrom("hearth_session=old; __Host-hearth_session=abc", StaffSessions.HOST_COOKIE));
        assertNull(StaffSessions.cookieFrom("hearth_session=abc", StaffSessions.HOST_COOKIE), "behind HTTPS only the __Host- cookie counts");
    }

    @Test
    void malformedCookieHeadersGiveNoSessionRatherThanAPieceOfOne() {
        String[] malformed = {
                ";;;", "=abc", "hearth_session", "hearth_session=\"abc", "hearth_session=abc\"", "hearth_session=a b",
                "hearth_session=a,b", "hearth_session=a\\b", "hearth_session=\u0000abc", "hearth_session=\u00e9t\u00e9",
                "hearth session=abc", "hearth_session=\r\nSet-Cookie: x=y"};
        for (String header : malformed) assertNull(StaffSessions.cookieFrom(header, StaffSessions.COOKIE), header);
        assertEquals("first", StaffSessions.cookieFrom("hearth_session=first; hearth_session=second", StaffSessions.COOKIE),
                "a second cookie of the same name does not replace the first");
        assertEquals("abc", StaffSessions.cookieFrom("theme=da rk; hearth_session=abc", StaffSessions.COOKIE),
                "a malformed neighbour does not hide the session cookie");
        String huge = "x=" + "y".repeat(100_000) + "; hearth_session=abc";
        assertEquals("abc", StaffSessions.cookieFrom(huge, StaffSessions.COOKIE));
    }
}
