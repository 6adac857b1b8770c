package org.hearthhub.auth;

/**
 * How a login attempt ended. Only {@link Status#SUCCESS} carries a session, and the device cookie to set (the
 * browser's {@link DeviceCookies} value, renewed). {@link Status#TOTP_REQUIRED}
 * is given only after the right password, so the form can ask for the code. The refusals that come
 * before any check ({@link Status#LOCKED}, {@link Status#CODES_LOCKED}, {@link Status#UNKNOWN_DEVICES_LOCKED},
 * {@link Status#WAIT}, {@link Status#BUSY}) carry how many seconds to wait.
 */
public record LoginOutcome(Status status, StaffSessions.Created session, String deviceCookie, long retryAfterSeconds) {

    public enum Status {
        SUCCESS, BAD_CREDENTIALS, TOTP_REQUIRED,
        /** This source used up its failures for this username. */
        LOCKED,
        /**
         * Too many wrong authenticator codes were typed with this account's right password, from anywhere: no code
         * is checked for it, from any source, for a while (someone who has the password is guessing at the code).
         */
        CODES_LOCKED,
        /**
         * Too many failed sign-ins at this account from devices it was never signed in on, from anywhere: such devices
         * are refused for it for a while; one it was signed in on before (its device cookie) is not.
         */
        UNKNOWN_DEVICES_LOCKED,
        /** This source failed for this username more than twice lately: the next try must wait a little. */
        WAIT,
        /** This source has its share of password checks in flight, or the hashing queue is full. */
        BUSY
    }

    public static LoginOutcome success(StaffSessions.Created session, String deviceCookie) {
        return new LoginOutcome(Status.SUCCESS, session, deviceCookie, 0);
    }

    public static LoginOutcome of(Status status) {
        return of(status, 0);
    }

    public static LoginOutcome of(Status status, long retryAfterSeconds) {
        if (status == Status.SUCCESS) throw new IllegalArgumentException("a successful outcome needs a session");
        return new LoginOutcome(status, null, null, retryAfterSeconds);
    }

    public boolean succeeded() {
        return status == Status.SUCCESS;
    }
}
