package org.hearthhub.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Links a lead may save (quick-exit target, referral sites): absolute http(s) URLs with a host, so that
 * no {@code javascript:} or {@code data:} link can reach a survivor's or advocate's screen. An address shown as
 * a link's label holds no invisible character either ({@link #firstHidden}): a right-to-left override or a
 * zero-width space can make it show one address and go to another.
 */
public final class SafeUrl {
    public static final int MAX_LENGTH = 500;

    private SafeUrl() {
    }

    public static boolean isSafe(String url) {
        if (url == null || url.isEmpty() || url.length() > MAX_LENGTH || firstHidden(url).isPresent()) return false;
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

    /**
     * The first character of {@code url} that shows nothing or reorders what follows, to refuse with its own message:
     * controls (Cc) and format characters (Cf: zero-width spaces and joiners, the direction marks, embeddings,
     * overrides and isolates, the byte order mark, the soft hyphen), and the line and paragraph separators.
     * Empty when there is none. Unlike a name, no web address needs one, Persian's zero-width non-joiner included.
     */
    public static OptionalInt firstHidden(String url) {
        return url == null ? OptionalInt.empty() : url.codePoints().filter(SafeUrl::hidden).findFirst();
    }

    private static boolean hidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
