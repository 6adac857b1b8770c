package org.hearthhub.model;

/** What a staff account may do. Leads can do everything an advocate can, plus configure the program. */
public enum Role {
    ADVOCATE, LEAD;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role fromWire(String value) {
        for (Role r : values()) {
            if (r.wire().equals(value)) return r;
        }
        throw new IllegalArgumentException("unknown role '" + value + "' (expected advocate or lead)");
    }
}
