package org.hearthhub.config;

import io.netty.util.NetUtil;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses {@code server.trustedProxies}: a comma-separated list of IP addresses or CIDR blocks, literal only (no DNS). */
final class TrustedProxies {
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(/[0-9]{1,3})?");

    private TrustedProxies() {
    }

    static List<String> parse(String value, String describedOption) {
        List<String> out = new ArrayList<>();
        if (value == null || value.isBlank()) return List.of();
        for (String part : value.split(",")) {
            String entry = part.trim();
            if (entry.isEmpty()) continue;
            if (!LITERAL.matcher(entry).matches() || !validPrefix(entry)) {
                throw new ConfigException(describedOption + " must list IP addresses or CIDR blocks such as 127.0.0.1 or 10.0.0.0/8, "
                        + "separated by commas (got '" + entry + "')");
            }
            out.add(entry);
        }
        return List.copyOf(out);
    }

    private static boolean validPrefix(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        boolean v6 = address.contains(":");
        // The hub reads each entry with Netty's parser (guard.ClientAddress): one it refuses, such as "dead:beef",
        // or reads as IPv4 (::ffff:10.0.0.1, which needs a prefix of 32 at most), would otherwise stop the start with
        // a bare "could not start: ipAddress" or a stack trace. An IPv4-mapped proxy is written as the IPv4 address.
        if (v6 && !(NetUtil.createInetAddressFromIpAddressString(address) instanceof Inet6Address)) return false;
        if (!v6 && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return false;
        if (!v6) {
            for (String octet : address.split("\\.")) if (Integer.parseInt(octet) > 255) return false;
        }
        if (slash < 0) return true;
        int prefix = Integer.parseInt(entry.substring(slash + 1));
        return prefix <= (v6 ? 128 : 32);
    }
}
