package org.hearthhub.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The origin check of staff requests and of both sockets: only pages served from the hub's own public URL. */
public final class Origins {
    private Origins() {
    }

    /**
     * True when {@code origin} (an Origin header) names exactly the scheme, host and port of
     * {@code publicUrl} (HEARTH_PUBLIC_URL); default ports count as written. A missing or
     * {@code "null"} origin is not allowed.
     */
    public static boolean allowed(String origin, String publicUrl) {
        if (origin == null || publicUrl == null) return false;
        Endpoint a = Endpoint.parse(origin, true);
        Endpoint b = Endpoint.parse(publicUrl, false);
        return a != null && a.equals(b);
    }

    /** Scheme, host and effective port of a URL. */
    private record Endpoint(String scheme, String host, int port) {
        static Endpoint parse(String text, boolean mustBeBareOrigin) {
            try {
                URI uri = new URI(text.strip());
                String scheme = uri.getScheme();
                String host = uri.getHost();
                if (scheme == null || host == null) return null;
                scheme = scheme.toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) return null;
                if (mustBeBareOrigin && (uri.getRawUserInfo() != null || uri.getRawQuery() != null
                        || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()))) {
                    return null;
                }
                int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
                return new Endpoint(scheme, host.toLowerCase(Locale.ROOT), port);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
