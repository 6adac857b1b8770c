package org.hearthhub.sharing;

/**
 * What a caller asks {@link SharingRegister#record} to write: everything of a {@link SharingEntry} but
 * the time, which the register takes from its clock.
 */
public record Sharing(Kind kind, String fromProgram, String toProgram, String toPartner, Categories categories, String basis,
                      String reason, String advocate) {

    /** An advocate sent a partner's card to the survivor: a referral, nothing shared, by the survivor's consent to receive it. */
    public static Sharing card(String fromProgram, String toProgram, String toPartner, String advocate) {
        return new Sharing(Kind.REFERRAL, fromProgram, toProgram, toPartner, Categories.NONE, SharingRegister.CONSENT, null, advocate);
    }

    /**
     * A survivor moved to a program on the hub by a warm referral they consented to, with what they let travel.
     * Each of the two programs' registers gets this line.
     */
    public static Sharing transfer(String fromProgram, String toProgram, String toPartner, Categories categories, String advocate) {
        return new Sharing(Kind.TRANSFER, fromProgram, toProgram, toPartner, categories, SharingRegister.CONSENT, null, advocate);
    }

    public enum Kind {
        REFERRAL, TRANSFER;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What travels with the survivor. */
    public enum Categories {
        NONE, TRANSCRIPT;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
