package org.hearthhub.guard;

import io.netty.util.NetUtil;

import java.util.Arrays;

/**
 * IP address literals, parsed as text and nothing else. {@code InetAddress.getByName} is no parser: on a
 * string that is not a literal it asks the resolver, which blocks the event loop the request runs on for
 * as long as DNS takes, and a client address can come from a header. Nothing here ever resolves.
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /**
     * The 4 bytes of an IPv4 literal or the 16 of an IPv6 one (brackets and a zone id, {@code %eth0}, are
     * accepted and the zone dropped); an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4
     * address it stands for, 4 bytes, as the JDK has it too. Null for anything that is not an IP literal.
     */
    static byte[] parse(String s) {
        if (s == null || s.isEmpty()) return null;
        // Netty's parser checks the text first and returns null for anything that is not a literal.
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(s);
        if (ip == null) return null;
        return isIpv4Mapped(ip) ? Arrays.copyOfRange(ip, 12, 16) : ip;
    }

    private static boolean isIpv4Mapped(byte[] ip) {
        if (ip.length != 16) return false;
        for (int i = 0; i < 10; i++) if (ip[i] != 0) return false;
        return ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    }
}
