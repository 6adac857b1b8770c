package org.hearthhub.auth;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.HubKeyStore;
import org.hearthhub.util.Ids;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Staff device cookies (OWASP's "device cookies"): after a complete sign-in the browser gets one for that account,
 * and a later sign-in to the account that brings it is from a <em>known device</em>, which a flood of guesses from
 * elsewhere neither locks out nor makes wait ({@link LoginService}).
 *
 * <p>One cookie per browser holds up to {@value #MAX_ACCOUNTS} entries, the newest first, so a program's shared computer
 * is a known device for each of the staff who sign in on it, without one cookie name per account (which would have to
 * be derived from the account, a stable mark of it in the browser). An entry is {@code ID.EXPIRES.MAC}: a random id
 * (the device's failures are counted under it), when it expires (epoch seconds) and an HMAC of those with the
 * username and the account's devices epoch, under a key the hub made itself and keeps in the settings store
 * ({@link HubKeyStore}), so every node checks it. The username is only in the MAC: the cookie names no one, and an
 * entry is checked against the username typed.
 *
 * <p>The epoch is kept in the account ({@link Account#devicesEpoch}), in the settings store, which is durable: a
 * password reset or change or an authenticator reset steps it up ({@link Account#withDevicesVoided}), voiding every
 * entry made before, and no restart of an in-memory hub nor emptied live Redis brings one back. A lead's Unlock does not
 * step it: it lifts locks, and says nothing against the person's devices, which keep them signing in while guessers
 * go on. The key and the expiry void entries too.
 */
public final class DeviceCookies {
    /**
     * The cookie's name over plain HTTP, as {@link StaffSessions#COOKIE} is the session's. Vert.x writes a response's
     * cookies sorted by name: this one sorts after the session's, whose Set-Cookie stays the first, as clients that
     * read the first one as the session's (scripts, the load test) expect.
     */
    public static final String COOKIE = "hearth_staff_device";
    /** Behind HTTPS: the {@code __Host-} prefix, as the session cookie has. */
    public static final String HOST_COOKIE = "__Host-" + COOKIE;
    public static final Duration LIFETIME = Duration.ofDays(90);
    /** Accounts one browser is a known device for; a new one pushes out the oldest. */
    static final int MAX_ACCOUNTS = 8;
    static final String KEY_NAME = "device-cookies";
    private static final int KEY_BYTES = 32;
    private static final int MAC_BYTES = 16;
    private static final String ENTRIES = "~";
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9_-]{16}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{22}");
    /** Longer is no cookie of ours: not split nor checked. */
    private static final int MAX_COOKIE_LENGTH = MAX_ACCOUNTS * 64;

    private final SecretKeySpec key;
    private final boolean secureCookies;
    private final Clock clock;

    DeviceCookies(byte[] key, boolean secureCookies, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.secureCookies = secureCookies;
        this.clock = clock;
    }

    /** With the hub's signing key from the store, made there the first time (by whichever node comes first). */
    public static Future<DeviceCookies> load(HubKeyStore store, boolean secureCookies, Clock clock) {
        return store.hubKey(KEY_NAME, Ids.random(KEY_BYTES))
                .map(k -> new DeviceCookies(Base64.getUrlDecoder().decode(k), secureCookies, clock));
    }

    /**
     * The id of the device {@code cookieValue} makes this browser for {@code username} at devices epoch {@code epoch};
     * null when it holds no entry valid for them (none, forged, tampered, expired, made before the epoch was stepped
     * up, or another account's), and then the sign-in is from an unknown device.
     */
    String deviceOf(String cookieValue, String username, long epoch) {
        long now = clock.instant().getEpochSecond();
        for (String entry : entries(cookieValue)) {
            String[] part = entry.split("\\.");
            long expires = Long.parseLong(part[1]);
            if (expires > now && MessageDigest.isEqual(mac(part[0], part[1], username, epoch).getBytes(StandardCharsets.US_ASCII),
                    part[2].getBytes(StandardCharsets.US_ASCII))) {
                return part[0];
            }
        }
        return null;
    }

    /**
     * The cookie after a complete sign-in: a new entry for this account first, then the entries {@code previous}
     * held for other accounts (or from before), the oldest dropped past {@value #MAX_ACCOUNTS}; this account's
     * current entry is replaced, not kept beside the new one.
     */
    String issue(String previous, String username, long epoch) {
        return issue(previous, username, epoch, epoch);
    }

    /**
     * The cookie of the browser on which the person just voided their own devices ({@code voided}, the account saved
     * with its epoch one up: their own password change): a new entry for them at the new epoch, in place of the one
     * this browser held, so that it alone stays their known device; its entries for other accounts stay.
     */
    public String renewAfterVoiding(String previous, Account voided) {
        return issue(previous, voided.username(), voided.devicesEpoch(), voided.devicesEpoch() - 1);
    }

    /** A new entry at {@code epoch}, replacing the account's entry valid at {@code replacedEpoch}. */
    private String issue(String previous, String username, long epoch, long replacedEpoch) {
        String id = Ids.random(12);
        String expires = Long.toString(clock.instant().plus(LIFETIME).getEpochSecond());
        List<String> out = new ArrayList<>();
        out.add(id + "." + expires + "." + mac(id, expires, username, epoch));
        String current = deviceOf(previous, username, replacedEpoch);
        for (String entry : entries(previous)) {
            if (out.size() == MAX_ACCOUNTS) break;
            if (current == null || !entry.startsWith(current + ".")) out.add(entry);
        }
        return String.join(ENTRIES, out);
    }

    /** {@value #HOST_COOKIE} with Secure cookies, else {@value #COOKIE}, as the session cookie's name is chosen. */
    public String cookieName() {
        return secureCookies ? HOST_COOKIE : COOKIE;
    }

    /** HttpOnly, SameSite=Strict, whole site, Secure behind HTTPS; kept {@link #LIFETIME}, renewed at each complete sign-in. */
    public Cookie cookie(String value) {
        return Cookie.cookie(cookieName(), value)
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setPath("/")
                .setSecure(secureCookies)
                .setMaxAge(LIFETIME.toSeconds());
    }

    /** The well-formed entries of a cookie value; anything else in it is ignored. */
    private static List<String> entries(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > MAX_COOKIE_LENGTH) return List.of();
        List<String> out = new ArrayList<>();
        for (String entry : cookieValue.split(ENTRIES, MAX_ACCOUNTS + 1)) {
            if (out.size() < MAX_ACCOUNTS && ENTRY.matcher(entry).matches()) out.add(entry);
        }
        return out;
    }

    private String mac(String id, String expires, String username, long epoch) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // v2: the devices epoch, where v1 had the live store's lock generation.
            byte[] full = mac.doFinal(String.join("\n", "hearth-device-v2", id, expires, username, Long.toString(epoch))
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, MAC_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
