package org.hearthhub.actor;

import java.util.Locale;

/**
 * Who did something: a staff account, or a party that is not an account (the survivor, the hub itself,
 * the SMS channel). Typing indicators and audit entries carry one. The parties' names are reserved
 * ({@link #isReserved}): no account may be created with one, so an account cannot pass for a party.
 * <p>
 * As text (audit entries, events between nodes) a staff actor is its username and a party its name, as
 * before there were types, so older entries and older nodes read the same. An account that already had a
 * reserved name before they were reserved is written {@code staff:<username>} (no username holds a colon),
 * never as the party. The host operator ({@link Party#HOST_OPERATOR}) is written {@code host:operator}, a name no
 * username can have.
 */
public sealed interface Actor permits Actor.Staff, Actor.Party {
    String STAFF_PREFIX = "staff:";

    /** A staff member, by username. */
    record Staff(String username) implements Actor {
        public Staff {
            if (username == null || username.isBlank()) throw new IllegalArgumentException("a staff actor needs a username");
        }

        @Override
        public String encode() {
            return isReserved(username) ? STAFF_PREFIX + username : username;
        }
    }

    /** The actors that are not accounts. */
    enum Party implements Actor {
        SURVIVOR("survivor"), SYSTEM("system"), SMS("sms"),
        /**
         * Whoever runs the hub's host, acting from its command line ({@code hearth-hub user reset}): not the hub itself
         * and not a staff member. Written with a colon, which no username can hold, so no account, old or new, reads as it.
         */
        HOST_OPERATOR("host:operator");

        private final String wire;

        Party(String wire) {
            this.wire = wire;
        }

        @Override
        public String encode() {
            return wire;
        }
    }

    static Actor staff(String username) {
        return new Staff(username);
    }

    /** The actor as stored and sent (see the class comment). */
    String encode();

    /** Reads {@link #encode}'s text, and the plain strings of entries written before actors had types. */
    static Actor decode(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("no actor");
        if (text.startsWith(STAFF_PREFIX)) return new Staff(text.substring(STAFF_PREFIX.length()));
        Party party = party(text);
        return party != null ? party : new Staff(text);
    }

    /** True for a name that a party uses and no account may take. */
    static boolean isReserved(String username) {
        return username != null && party(username.strip().toLowerCase(Locale.ROOT)) != null;
    }

    private static Party party(String name) {
        for (Party p : Party.values()) {
            if (p.encode().equals(name)) return p;
        }
        return null;
    }
}
