package org.hearthhub.settings;

import java.time.Instant;
import java.util.List;
import org.hearthhub.model.Role;

/**
 * A program-owned staff account. The password is only ever held as an Argon2id hash.
 *
 * @param totpSecret base32 TOTP secret, or null when the account has no second factor
 * @param capacity   how many chats the advocate holds at once by default
 * @param languages  languages the advocate speaks (ISO 639-1), used for routing
 * @param uiLanguage preferred console language
 * @param mustChangePassword the password was set by someone else (the first-start bootstrap, a lead):
 *                   the person chooses their own before anything else. Absent in older stores: false.
 * @param phone      the program phone (E.164) that rings when this advocate takes a hotline call; staff data a
 *                   lead sets, null for none
 */
public record Account(
        String username,
        String displayName,
        Role role,
        String passwordHash,
        String totpSecret,
        boolean disabled,
        int capacity,
        List<String> languages,
        String uiLanguage,
        Instant createdAt,
        boolean mustChangePassword,
        String phone) {

    public Account {
        languages = languages == null ? List.of("en") : List.copyOf(languages);
        uiLanguage = uiLanguage == null ? "en" : uiLanguage;
    }

    /** Without a program phone. */
    public Account(String username, String displayName, Role role, String passwordHash, String totpSecret, boolean disabled,
                   int capacity, List<String> languages, String uiLanguage, Instant createdAt, boolean mustChangePassword) {
        this(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, null);
    }

    /** An account whose password its owner chose (or an older one): no change is due. */
    public Account(String username, String displayName, Role role, String passwordHash, String totpSecret, boolean disabled,
                   int capacity, List<String> languages, String uiLanguage, Instant createdAt) {
        this(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt, false);
    }

    public Account withPasswordHash(String hash) {
        return new Account(username, displayName, role, hash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone);
    }

    /** A password someone else chose ({@code true}) or the person's own ({@code false}). */
    public Account withPassword(String hash, boolean mustChange) {
        return new Account(username, displayName, role, hash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChange, phone);
    }

    public Account withDisabled(boolean value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, value, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, phone);
    }

    public Account withPhone(String value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt,
                mustChangePassword, value);
    }

    public Account withLanguages(List<String> value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, value, uiLanguage, createdAt,
                mustChangePassword, phone);
    }
}
