package org.hearthhub.model;


import java.time.Instant;

/**
 * A signed-in staff member. Stored in the live store under the SHA-256 of the cookie value, so a
 * leaked store does not yield usable cookies.
 */
public record StaffSession(String username, String displayName, Role role, String csrfToken,
                           Instant createdAt, String uiLanguage) {
}
