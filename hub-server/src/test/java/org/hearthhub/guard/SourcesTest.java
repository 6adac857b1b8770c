package org.hearthhub.guard;

import io.vertx.core.net.SocketAddress;
import org.hearthhub.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourcesTest {
    private static SocketAddress peer(String ip) {
        return SocketAddress.inetSocketAddress(40000, ip);
    }

    @Test
    void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
        ClientAddress addresses = new ClientAddress(List.of());
        assertEquals("203.0.113.9", addresses.of(peer("203.0.113.9"), "198.51.100.1"));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedHopIsTheClient() {
        ClientAddress addresses = new ClientAddress(List.of("127.0.0.1", "10.0.0.0/8"));
        // The client forged the left-most entry; nginx appended the real one; an inner proxy appended itself.
        assertEquals("198.51.100.7", addresses.of(peer("127.0.0.1"), "6.6.6.6, 198.51.100.7, 10.1.2.3"));
        assertEquals("127.0.0.1", addresses.of(peer("127.0.0.1"), null));
        // An untrusted peer's header is never believed.
        assertEquals("192.0.2.5", addresses.of(peer("192.0.2.5"), "198.51.100.7"));
    }

    @Test
    void hostNamesInTheHeaderAreNeverLookedUp() {
        ClientAddress addresses = new ClientAddress(List.of("127.0.0.1"));
        assertEquals("example.org", addresses.of(peer("127.0.0.1"), "example.org"));
    }

    @Test
    void aSourceIsAKeyedHashThatSurvivesOneRotationAndIsForgottenAfterTwo() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        SourceKeys keys = new SourceKeys(clock, Duration.ofHours(1));
        Source first = keys.of("203.0.113.9");
        assertFalse(first.id().contains("203"), "the address itself is never part of a source");
        assertEquals(first, keys.of("203.0.113.9"));
        assertNotEquals(first.id(), keys.of("203.0.113.10").id());
        assertNull(first.previousId());

        clock.advance(Duration.ofMinutes(61));
        Source rotated = keys.of("203.0.113.9");
        assertNotEquals(first.id(), rotated.id());
        assertTrue(rotated.is(first.id()), "a count made under the previous key still counts");

        clock.advance(Duration.ofMinutes(61));
        assertFalse(keys.of("203.0.113.9").is(first.id()), "two rotations on, the first key is gone");
    }

    @Test
    void aFreshProcessHashesTheSameAddressDifferently() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        assertNotEquals(new SourceKeys(clock).of("203.0.113.9").id(), new SourceKeys(clock).of("203.0.113.9").id());
    }

    @Test
    void anIpv6ClientIsOneSourceForItsWholeSlash64() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        SourceKeys keys = new SourceKeys(clock);
        Source one = keys.of("2001:db8:1:2::1");
        assertEquals(one, keys.of("2001:db8:1:2:ffff:ffff:ffff:ffff"), "any address in the /64 is the same source");
        assertEquals(one, keys.of("2001:0db8:0001:0002:0000:0000:0000:0001"), "however it is written");
        assertNotEquals(one.id(), keys.of("2001:db8:1:3::1").id(), "the next /64 is another source");
        assertNotEquals(keys.of("192.0.2.1").id(), keys.of("192.0.2.2").id(), "IPv4 addresses stay one each");
    }
}
