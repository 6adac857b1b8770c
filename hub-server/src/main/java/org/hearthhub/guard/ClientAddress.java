package org.hearthhub.guard;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Finds the client address of a request: the peer, unless the peer is a trusted reverse proxy, in which
 * case the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy. A client can put
 * anything in that header, so entries left of the first untrusted one are never believed. The address is
 * used at once (to make a {@link Source}) and never kept.
 */
public final class ClientAddress {
    private final List<IpSubnetFilterRule> trusted;

    public ClientAddress(List<String> trustedProxies) {
        this.trusted = trustedProxies.stream().map(ClientAddress::rule).toList();
    }

    private static IpSubnetFilterRule rule(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        int prefix = slash < 0 ? (address.contains(":") ? 128 : 32) : Integer.parseInt(entry.substring(slash + 1));
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    public String of(SocketAddress peer, String forwardedFor) {
        String client = peer == null ? "" : peer.hostAddress();
        if (client == null) client = "";
        if (trusted.isEmpty() || !isTrusted(client)) return client;
        if (forwardedFor == null) return client;
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) continue;
            if (!isTrusted(hop)) return hop;
            client = hop;
        }
        return client;
    }

    private boolean isTrusted(String address) {
        InetAddress ip = literal(address);
        if (ip == null) return false;
        InetSocketAddress socket = new InetSocketAddress(ip, 0);
        for (IpSubnetFilterRule r : trusted) if (r.matches(socket)) return true;
        return false;
    }

    /** A literal IP address, or null: never a DNS lookup for a string a client sent ({@link IpLiterals}). */
    private static InetAddress literal(String s) {
        byte[] ip = IpLiterals.parse(s);
        if (ip == null) return null;
        try {
            return InetAddress.getByAddress(ip); // bytes only: no name, no lookup
        } catch (UnknownHostException e) {
            return null; // only for a length other than 4 or 16, which parse never returns
        }
    }
}
