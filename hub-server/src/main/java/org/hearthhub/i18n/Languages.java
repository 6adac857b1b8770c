package org.hearthhub.i18n;

import java.util.List;
import java.util.Locale;

/** The languages Hearth speaks to survivors and staff. */
public final class Languages {
    public static final List<String> SUPPORTED = List.of("en", "es");
    public static final String DEFAULT = "en";

    private Languages() {
    }

    /** "es-MX" → "es"; anything unsupported or missing → "en". */
    public static String normalize(String lang) {
        if (lang == null || lang.isBlank()) return DEFAULT;
        String primary = lang.trim().toLowerCase(Locale.ROOT).split("[-_]")[0];
        return SUPPORTED.contains(primary) ? primary : DEFAULT;
    }
}
