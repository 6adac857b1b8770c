package org.hearthhub.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordPolicyTest {

    @Test
    void acceptsLongEnoughPasswords() {
        assertTrue(PasswordPolicy.problemWith("twelve chars").isEmpty());
        assertTrue(PasswordPolicy.problemWith("x".repeat(256)).isEmpty());
    }

    @Test
    void rejectsBlankShortAndHugePasswordsWithAReason() {
        assertEquals("The password must not be blank.", PasswordPolicy.problemWith(null).orElseThrow());
        assertEquals("The password must not be blank.", PasswordPolicy.problemWith("   ").orElseThrow());
        assertEquals("The password must be at least 12 characters long (it has 11).",
                PasswordPolicy.problemWith("eleven char").orElseThrow());
        assertTrue(PasswordPolicy.problemWith("x".repeat(257)).orElseThrow().contains("at most 256"));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String elevenEmoji = "😀".repeat(11);
        assertTrue(PasswordPolicy.problemWith(elevenEmoji).isPresent(), "22 UTF-16 units but 11 characters");
    }
}
