package org.hearthhub.settings;

import java.time.Instant;
import java.util.List;

/**
 * A program-owned staff account. The password is only ever held as an Argon2id hash.
 *
 * @param totpSecret base32 TOTP secret, or null when the account has no second factor
 * @param capacity   how many chats the advocate holds at once by default
 * @param languages  languages the advocate speaks (ISO 639-1), used for routing
 * @param uiLanguage preferred console language
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
        Instant createdAt) {

    public Account {
        languages = languages == null ? List.of("en") : List.copyOf(languages);
        uiLanguage = uiLanguage == null ? "en" : uiLanguage;
    }

    public Account withPasswordHash(String hash) {
        return new Account(username, displayName, role, hash, totpSecret, disabled, capacity, languages, uiLanguage, createdAt);
    }

    public Account withDisabled(boolean value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, value, capacity, languages, uiLanguage, createdAt);
    }

    public Account withLanguages(List<String> value) {
        return new Account(username, displayName, role, passwordHash, totpSecret, disabled, capacity, value, uiLanguage, createdAt);
    }
}
