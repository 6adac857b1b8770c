package org.hearthhub.model;

import java.util.Locale;

/**
 * How a conversation came to a program by a warm referral from another program on the hub: what the receiving
 * advocate may know of it, and nothing more (no id, advocate or content of the first program's chat).
 *
 * @param fromProgram the sending program's name as the hub lists it
 * @param shared      what the survivor let travel
 */
public record Referred(String fromProgram, Shared shared) {

    /** What travels with a referred survivor: nothing (the default), or the conversation so far. */
    public enum Shared {
        NONE, TRANSCRIPT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The wire value, or null for anything else. */
        public static Shared fromWire(String s) {
            if ("none".equals(s)) return NONE;
            if ("transcript".equals(s)) return TRANSCRIPT;
            return null;
        }
    }
}
