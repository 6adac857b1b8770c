package org.hearthhub.abuse;

import io.vertx.core.Future;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The genuine lead's own browser, on the genuine side's address: it keeps the staff device cookie that each complete
 * sign-in sets and brings it to the next, as a browser does, so once it has signed in its sign-ins are from a
 * <em>known device</em>, which guesses from elsewhere neither lock out nor make wait (docs/operations.md, "Sign-in
 * protection"). It keeps nothing else: the session cookie would only make each sign-in end the one before.
 */
final class LeadBrowser {
    static final String USERNAME = "lead";
    /** The device cookie's name over plain HTTP; behind HTTPS it is {@code __Host-} and this. */
    private static final String DEVICE_COOKIE = "hearth_staff_device";

    private final Side side;
    private final String hubUrl;
    private final String password;
    /** The device cookie as it is sent back ({@code name=value}); null until the hub has set one. */
    private final AtomicReference<String> deviceCookie = new AtomicReference<>();

    LeadBrowser(Side side, String hubUrl, String password) {
        this.side = side;
        this.hubUrl = hubUrl;
        this.password = password;
    }

    /** Signs in with the right password, bringing the device cookie if it has one, and keeps the one the hub renews. */
    Future<Side.Answer> signIn() {
        return side.login(hubUrl, USERNAME, password, deviceCookie.get()).onSuccess(this::keepDeviceCookie);
    }

    /** The same lead on a browser the hub has never seen: no device cookie, and it keeps none. */
    Future<Side.Answer> signInFromNewBrowser() {
        return side.login(hubUrl, USERNAME, password);
    }

    /** Whether the hub has set a device cookie, so that the next sign-in is from a known device. */
    boolean known() {
        return deviceCookie.get() != null;
    }

    private void keepDeviceCookie(Side.Answer answer) {
        for (String setCookie : answer.cookies()) {
            String pair = setCookie.split(";", 2)[0].trim();
            int eq = pair.indexOf('=');
            String name = eq < 0 ? "" : pair.substring(0, eq);
            if (name.equals(DEVICE_COOKIE) || name.equals("__Host-" + DEVICE_COOKIE)) deviceCookie.set(pair);
        }
    }
}
