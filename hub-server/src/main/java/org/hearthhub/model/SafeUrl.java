package org.hearthhub.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Links a lead may save (quick-exit target, referral sites): absolute http(s) URLs with a host, so that
 * no {@code javascript:} or {@code data:} link can reach a survivor's or advocate's screen.
 */
public final class SafeUrl {
    public static final int MAX_LENGTH = 500;

    private SafeUrl() {
    }

    public static boolean isSafe(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH) return false;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme == null) return false;
            scheme = scheme.toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null && !uri.getHost().isEmpty()
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
