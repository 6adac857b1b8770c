package org.hearthhub.redis;

import io.lettuce.core.RedisURI;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The Redis URLs the hub accepts for its live and settings stores: one server ({@code redis://},
 * {@code rediss://} with TLS) or a master found through Redis Sentinel ({@code redis-sentinel://},
 * {@code rediss-sentinel://}), e.g. {@code redis-sentinel://10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379#hearth-live}.
 * Refusals never repeat the URL: it may hold a password.
 */
public final class RedisUrl {
    private static final List<String> SCHEMES = List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel");
    static final String EXAMPLES = "redis://10.0.0.5:6379 or redis-sentinel://10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379#hearth-live";

    private RedisUrl() {
    }

    /** @throws IllegalArgumentException saying what is wrong, without the URL's text */
    public static RedisURI parse(String url) {
        int colon = url.indexOf("://");
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme)) {
            throw new IllegalArgumentException("must start with redis://, rediss://, redis-sentinel:// or rediss-sentinel://, "
                    + "e.g. " + EXAMPLES);
        }
        boolean sentinel = scheme.endsWith("-sentinel");
        if (sentinel && !namesMaster(url)) {
            throw new IllegalArgumentException("must name the master the sentinels watch after '#' "
                    + "(the name in the sentinels' 'sentinel monitor' line), e.g. " + EXAMPLES);
        }
        if (!sentinel && !oneHost(url)) {
            throw new IllegalArgumentException("must name one host, e.g. redis://10.0.0.5:6379 (several hosts are sentinels: "
                    + "redis-sentinel://host1:26379,host2:26379,host3:26379#master)");
        }
        try {
            return RedisURI.create(url);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a usable Redis URL" + detail(e.getMessage(), url) + ", e.g. " + EXAMPLES);
        }
    }

    /** Lettuce's reason ("Port out of range: 99999"), without the URL it may quote; none if it may hold a password. */
    private static String detail(String message, String url) {
        if (message == null) return "";
        String reason = message.replace(url, "").replaceAll("[:\\s]+$", "");
        return reason.isBlank() || reason.contains("@") ? "" : " (" + reason + ")";
    }

    /** Where it points, never the password: {@code 10.0.0.5:6379}, or the sentinels and the master's name. */
    public static String describe(RedisURI uri) {
        if (uri.getSentinels().isEmpty()) return uri.getHost() + ":" + uri.getPort();
        return "master '" + uri.getSentinelMasterId() + "' via sentinels "
                + uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","));
    }

    private static boolean namesMaster(String url) {
        int hash = url.indexOf('#');
        if (hash >= 0 && hash < url.length() - 1) return true;
        return url.contains("sentinelMasterId=") && !url.matches(".*sentinelMasterId=(&.*)?$");
    }

    private static boolean oneHost(String url) {
        String authority = url.substring(url.indexOf("://") + 3).split("[/?#]", 2)[0];
        return !authority.substring(authority.lastIndexOf('@') + 1).contains(",");
    }
}
