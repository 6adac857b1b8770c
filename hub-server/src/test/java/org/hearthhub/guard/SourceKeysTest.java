package org.hearthhub.guard;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.security.Permission;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.abort;

class SourceKeysTest {
    /** Strings with a ':' that are not IP literals; the JDK resolves those that do not start with a hex digit. */
    private static final List<String> NOT_LITERALS = List.of(
            "xyz.example:1", "localhost:80", "evil:", "[::1]:80", "198.51.100.7:4711", "dead.beef:");

    @Test
    void aStringThatIsNotAnIpLiteralIsNeverLookedUp() throws Throwable {
        List<String> lookedUp = lookupsDuring(() -> {
            for (String s : NOT_LITERALS) assertEquals(s, SourceKeys.grouped(s), "taken as it is");
        });
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void aForwardedHopThatIsNotAnIpLiteralIsNeverLookedUp() throws Throwable {
        ClientAddress addresses = new ClientAddress(List.of("127.0.0.1", "10.0.0.0/8"));
        SocketAddress proxy = SocketAddress.inetSocketAddress(40000, "127.0.0.1");
        List<String> lookedUp = lookupsDuring(() -> {
            // Each hop left of a trusted one is checked against the trusted proxies: as text, never by name.
            assertEquals("dead.beef", addresses.of(proxy, "dead.beef, 10.1.2.3"));
            assertEquals("1.2.3.4.5", addresses.of(proxy, "1.2.3.4.5, 10.1.2.3"));
            assertEquals("xyz.example:1", addresses.of(proxy, "xyz.example:1, 10.1.2.3"));
        });
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void anIpv6AddressIsGroupedByItsSlash64() {
        String one = SourceKeys.grouped("2001:db8:1:2::1");
        assertEquals("20010db800010002::/64", one);
        assertEquals(one, SourceKeys.grouped("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertEquals(one, SourceKeys.grouped("2001:0DB8:0001:0002:0000:0000:0000:0001"), "however it is written");
        assertEquals(one, SourceKeys.grouped("[2001:db8:1:2::5]"), "in brackets");
        assertEquals(one, SourceKeys.grouped("2001:db8:1:2::5%eth0"), "with a zone id, which is the hub's own");
        assertNotEquals(one, SourceKeys.grouped("2001:db8:1:3::1"), "the next /64 is another source");
        assertEquals("0000000000000000::/64", SourceKeys.grouped("::1"));
    }

    @Test
    void anIpv4AddressIsOneSourceHoweverItIsWritten() {
        assertEquals("192.0.2.1", SourceKeys.grouped("192.0.2.1"));
        assertNotEquals(SourceKeys.grouped("192.0.2.1"), SourceKeys.grouped("192.0.2.2"));
        // IPv4-mapped, as a dual-stack listener may report an IPv4 client: the IPv4 address, not the /64
        // ::/64 that every IPv4 client would share.
        assertEquals("192.0.2.1", SourceKeys.grouped("::ffff:192.0.2.1"));
        assertEquals("192.0.2.1", SourceKeys.grouped("::FFFF:c000:0201"));
        assertEquals("192.0.2.1", SourceKeys.grouped("[::ffff:192.0.2.1]"));
        assertNotEquals(SourceKeys.grouped("::ffff:192.0.2.1"), SourceKeys.grouped("::ffff:192.0.2.2"));
    }

    @Test
    void anIpv4MappedProxyAddressIsStillTrusted() {
        ClientAddress addresses = new ClientAddress(List.of("127.0.0.1"));
        assertEquals("198.51.100.7", addresses.of(SocketAddress.inetSocketAddress(40000, "127.0.0.1"),
                "198.51.100.7, ::ffff:127.0.0.1"));
    }

    /**
     * The host names {@code InetAddress} asked the resolver for on this thread while {@code action} ran:
     * before it resolves a name it calls {@code SecurityManager.checkConnect(host, -1)}, and never for a
     * literal. JDK 17 lets a test install a (here permissive) manager at run time.
     */
    @SuppressWarnings("removal")
    private static List<String> lookupsDuring(Executable action) throws Throwable {
        Thread self = Thread.currentThread();
        List<String> hosts = new ArrayList<>();
        SecurityManager recorder = new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {
            }

            @Override
            public void checkPermission(Permission perm, Object context) {
            }

            @Override
            public void checkConnect(String host, int port) {
                if (port == -1 && Thread.currentThread() == self) {
                    synchronized (hosts) {
                        hosts.add(host);
                    }
                }
            }
        };
        SecurityManager previous = System.getSecurityManager();
        try {
            System.setSecurityManager(recorder);
        } catch (UnsupportedOperationException e) {
            abort("this JVM does not allow a security manager (-Djava.security.manager=disallow, the default after JDK 17)");
        }
        try {
            action.execute();
        } finally {
            System.setSecurityManager(previous);
        }
        synchronized (hosts) {
            return List.copyOf(hosts);
        }
    }
}
