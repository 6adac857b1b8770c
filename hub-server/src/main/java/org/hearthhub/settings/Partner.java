package org.hearthhub.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.hearthhub.model.Referral;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A partner agency in a program's directory: what it offers, in which languages, how to reach it, and
 * whether it is a program on this hub ({@code program}, its id: a warm transfer is possible) or outside
 * it (referral information only). The lead writes its own entries ({@code source} "program"); entries a
 * coalition publishes and a program adopts carry {@code source} "coalition".
 *
 * @param id       given by the hub when the entry is added; stable across edits
 * @param services short labels, e.g. "shelter", "legal aid"
 * @param languages the languages the partner serves in, as the lead writes them
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Partner(String id, String name, List<String> services, List<String> languages, String phone, String sms,
                      String email, String url, String program, String source) {
    public static final String FROM_PROGRAM = "program";
    public static final String FROM_COALITION = "coalition";
    public static final int MAX_EMAIL = 254;
    /** A local part of the usual characters, then a host name with at least one dot. */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public Partner {
        services = services == null ? List.of() : List.copyOf(services);
        languages = languages == null ? List.of() : List.copyOf(languages);
        source = source == null ? FROM_PROGRAM : source;
    }

    /** A plain address (no display name, no comments): what a survivor can copy into their mail. */
    public static boolean isEmail(String value) {
        return value != null && value.length() <= MAX_EMAIL && EMAIL.matcher(value).matches();
    }

    public boolean onHub() {
        return program != null;
    }

    public boolean fromCoalition() {
        return FROM_COALITION.equals(source);
    }

    /** The card a survivor gets: the partner's name and contacts, its services (and e-mail) as the text. */
    public Referral toReferral() {
        String text = String.join(", ", services);
        if (email != null) text = text.isEmpty() ? email : text + " · " + email;
        return new Referral(name, phone, sms, text.isEmpty() ? null : text, url);
    }
}
