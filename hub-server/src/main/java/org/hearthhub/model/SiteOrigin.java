package org.hearthhub.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web site as browsers tell sites apart: {@code http} or {@code https}, a host name (or IPv4 address) and
 * perhaps a port, nothing else. Written this strictly because it goes into a Content-Security-Policy
 * header as it is: a path, a wildcard or a quote there would widen or break the policy.
 *
 * @param value lower case, without a trailing slash, e.g. {@code https://www.riverside-shelter.org}
 */
public record SiteOrigin(String value) {
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final Pattern ORIGIN = Pattern.compile("(https?)://(" + LABEL + "(?:\\." + LABEL + ")*)(?::([0-9]{1,5}))?/?");
    private static final int MAX_HOST = 253;

    /** The origin written, or empty when it is not one; scheme and host in any case, one trailing slash allowed. */
    public static Optional<SiteOrigin> parse(String written) {
        if (written == null) return Optional.empty();
        Matcher m = ORIGIN.matcher(written.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(2).length() > MAX_HOST) return Optional.empty();
        String port = m.group(3);
        if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535)) return Optional.empty();
        return Optional.of(new SiteOrigin(m.group(1) + "://" + m.group(2) + (port == null ? "" : ":" + port)));
    }

    @Override
    public String toString() {
        return value;
    }
}
