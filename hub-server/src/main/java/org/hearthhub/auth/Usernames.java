package org.hearthhub.auth;

import org.hearthhub.actor.Actor;

import java.util.Locale;
import java.util.regex.Pattern;

/** The shape of a staff username: 2–40 of lower-case letters, digits, dot, underscore, dash. */
public final class Usernames {
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9._-]{2,40}");

    private Usernames() {
    }

    public static boolean isValid(String username) {
        return username != null && PATTERN.matcher(username).matches();
    }

    /** A name no new account may take: an actor that is not an account goes by it ({@link Actor.Party}). */
    public static boolean isReserved(String username) {
        return Actor.isReserved(username);
    }

    /** What people type at the login form, mapped onto the stored form (trimmed, lower case). */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    }
}
