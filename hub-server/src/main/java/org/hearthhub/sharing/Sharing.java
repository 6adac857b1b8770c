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
