package org.hearthhub.auth;

/**
 * How a login attempt ended. Only {@link Status#SUCCESS} carries a session. {@link Status#TOTP_REQUIRED}
 * is given only after the right password, so the form can ask for the code.
 */
public record LoginOutcome(Status status, StaffSessions.Created session) {

    public enum Status { SUCCESS, BAD_CREDENTIALS, TOTP_REQUIRED, LOCKED }

    public static LoginOutcome success(StaffSessions.Created session) {
        return new LoginOutcome(Status.SUCCESS, session);
    }

    public static LoginOutcome of(Status status) {
        if (status == Status.SUCCESS) throw new IllegalArgumentException("a successful outcome needs a session");
        return new LoginOutcome(status, null);
    }

    public boolean succeeded() {
        return status == Status.SUCCESS;
    }
}
