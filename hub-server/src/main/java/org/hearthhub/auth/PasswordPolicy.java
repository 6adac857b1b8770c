package org.hearthhub.auth;

import java.util.Optional;

/** What a staff password must satisfy. Length is what matters (NIST 800-63B); no composition rules. */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    /** Bounds the hashing work one request can cause. */
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    /** Why the password is not acceptable, in a sentence for the person choosing it; empty when it is fine. */
    public static Optional<String> problemWith(String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("The password must not be blank.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("The password must be at least " + MIN_LENGTH + " characters long (it has " + length + ").");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("The password must be at most " + MAX_LENGTH + " characters long (it has " + length + ").");
        }
        return Optional.empty();
    }
}
