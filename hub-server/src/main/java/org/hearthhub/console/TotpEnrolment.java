package org.hearthhub.console;

import io.vertx.core.Future;
import org.hearthhub.auth.TotpRules;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.auth.TotpVerifier;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.model.StaffSession;
import org.hearthhub.settings.Account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Setting up an authenticator app: a fresh secret is offered (as a QR code and as text) and kept in
 * the live store only, for a few minutes; it is saved to the account only after the person proves,
 * with a code from the app, that the app has it. Any set-up, the first included, also needs the account's password,
 * except right after a password sign-in that was sent to set up the app ({@link #passwordJustTyped}).
 */
public final class TotpEnrolment {
    static final Duration OFFER_TTL = Duration.ofMinutes(10);
    static final String ISSUER = "Hearth";
    static final int MAX_TRIES = 5;
    /**
     * How long after a password sign-in sent to set up an app the password is not asked again: time to install an app
     * and scan the code, as long as an offer lasts.
     */
    static final Duration JUST_SIGNED_IN = OFFER_TTL;

    /** What the enrolment page shows. */
    public record Offer(String secret, String uri, QrSvg qr) {
        /** The secret in groups of four, easier to type by hand. */
        public String grouped() {
            return secret.replaceAll("(.{4})(?!$)", "$1 ");
        }
    }

    private final ExpiringValueStore live;
    private final TotpVerifier verifier;
    private final TotpRules rules;
    private final Clock clock;

    TotpEnrolment(ExpiringValueStore live, TotpVerifier verifier, TotpRules rules, Clock clock) {
        this.live = live;
        this.verifier = verifier;
        this.rules = rules;
        this.clock = clock;
    }

    /** Whether one of the person's programs requires them to use an app. */
    boolean required(Account account) {
        return rules.requires(account);
    }

    /**
     * Whether {@code session} may set up {@code account}'s app without typing the password: only at the set-up a
     * password sign-in is sent to (a program requires an app and the account has none) and only minutes after that
     * sign-in. Elsewhere an open session may be someone else's at a computer its owner left, who would lock the owner
     * out by setting up their own app.
     */
    boolean passwordJustTyped(Account account, StaffSession session) {
        return account.totpSecret() == null && required(account)
                && !clock.instant().isAfter(session.createdAt().plus(JUST_SIGNED_IN));
    }

    /** A new secret for this person, replacing any earlier offer that was not confirmed. */
    Future<Offer> offer(String username) {
        String secret = TotpSecret.random();
        String label = URLEncoder.encode(ISSUER + ":" + username, StandardCharsets.UTF_8).replace("+", "%20");
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER + "&algorithm=SHA1&digits=6&period=30";
        return live.resetCounter("totp-enrol-tries:" + username)
                .compose(v -> live.putExpiring(key(username), secret, OFFER_TTL)).map(v -> new Offer(secret, uri, QrSvg.of(uri)));
    }

    /**
     * The offered secret when {@code code} fits it (the offer is then used up), else null. A few wrong
     * codes in a row withdraw the offer, so a session cannot be used to guess codes at leisure.
     */
    Future<String> confirm(String username, String code) {
        return live.increment("totp-enrol-tries:" + username, OFFER_TTL).compose(tries -> tries > MAX_TRIES
                ? live.take(key(username)).compose(x -> Future.<String>failedFuture(Refusal.badRequest("error.totp_offer_expired")))
                : live.peek(key(username))).compose(secret -> {
            if (secret == null) return Future.failedFuture(Refusal.badRequest("error.totp_offer_expired"));
            return verifier.verify(username, secret, code).compose(ok -> ok
                    ? live.take(key(username)).compose(x -> live.resetCounter("totp-enrol-tries:" + username)).map(secret)
                    : Future.succeededFuture(null));
        });
    }

    private static String key(String username) {
        return "totp-enrol:" + username;
    }
}
