package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.json.JsonArray;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.auth.TestConfigs;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.cli.UserResetCommand;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.util.HubJson;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Guessing at one account from many places (a botnet) locks devices the account has never signed in on out of it,
 * while a browser its owner signed in on before (its device cookie) still signs in, and locks only itself when it
 * is the one typing wrong passwords; and what voids such a cookie (a reset, the person's own password change or app
 * replacement) keeps it void when the live store is lost. Real HTTP clients from many loopback addresses against a real hub; memory and
 * files here, both stores on Redis in {@link RedisDeviceSignInTest}.
 */
class DeviceSignInTest {
    /** auth.maxFailedLogins 5 (the default): unknown devices are locked out of an account after 15 tries in all. */
    static final int UNKNOWN_DEVICE_TRIES = 15;
    static final String DEVICE_COOKIE = "hearth_staff_device";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().redisStores(this::redisStores);
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff lead;
    private int nextPlace;

    /** Memory and files here. */
    RedisStores redisStores() {
        return null;
    }

    @BeforeEach
    void accounts() throws Exception {
        client = new ConsoleClient(hub);
        lead = client.account("lena", Role.LEAD);
        hub.addAccount("ana", Role.ADVOCATE, List.of("en"), 2);
        hub.addAccount("bob", Role.ADVOCATE, List.of("en"), 2);
    }

    /** A client from a loopback address no other in the test has used: a new source. */
    private WebClient newPlace() {
        nextPlace++;
        return hub.clientFrom("127.0." + (10 + nextPlace / 200) + "." + (1 + nextPlace % 200), 1);
    }

    private static HttpResponse<Buffer> signIn(WebClient from, String username, String password, String deviceCookie) throws Exception {
        HttpRequest<Buffer> request = from.post("/api/v1/login");
        if (deviceCookie != null) request.putHeader("Cookie", DEVICE_COOKIE + "=" + deviceCookie);
        return TestHub.await(request.sendJsonObject(new JsonObject().put("username", username).put("password", password)));
    }

    /** The device cookie a response sets, or null. */
    static String deviceCookie(HttpResponse<Buffer> response) {
        for (String header : response.cookies()) {
            if (header.startsWith(DEVICE_COOKIE + "=")) return header.substring(DEVICE_COOKIE.length() + 1, header.indexOf(';'));
        }
        return null;
    }

    /** A complete sign-in from a new place: the device cookie it leaves. */
    private String knownDevice(String username, String password) throws Exception {
        HttpResponse<Buffer> r = signIn(newPlace(), username, password, null);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String cookie = deviceCookie(r);
        assertNotNull(cookie, "a complete sign-in leaves a device cookie: " + r.cookies());
        return cookie;
    }

    /**
     * Wrong passwords from ever new places, two each (no place reaches its own wait), until the hub refuses unknown
     * devices for the account; how many were tried, the one answered with the lock included.
     */
    private int lockUnknownDevices(String username) throws Exception {
        int tried = 0;
        while (tried < 100) {
            WebClient from = newPlace();
            for (int i = 0; i < 2; i++, tried++) {
                HttpResponse<Buffer> r = signIn(from, username, "guess " + tried, null);
                if (r.statusCode() == 429) {
                    assertEquals("unknown_devices_locked", r.bodyAsJsonObject().getString("reason"), r.bodyAsString());
                    return tried + 1;
                }
                assertEquals(401, r.statusCode(), r.bodyAsString());
            }
        }
        return fail("unknown devices were never locked out of " + username);
    }

    private void assertUnknownDevicesLocked(HttpResponse<Buffer> r, String what) {
        assertEquals(429, r.statusCode(), what + ": " + r.bodyAsString());
        assertEquals("unknown_devices_locked", r.bodyAsJsonObject().getString("reason"), what);
        assertEquals(String.valueOf(15 * 60), r.getHeader("Retry-After"), what);
    }

    @Test
    void manySourcesGuessingOneAccountLockUnknownDevicesOutWhileTheOwnersKnownDeviceSignsIn() throws Exception {
        String anasLaptop = knownDevice("ana", TestHub.PASSWORD);

        int tried = lockUnknownDevices("ana");
        assertEquals(UNKNOWN_DEVICE_TRIES, tried, "the fifteenth failure locks, from fifteen places or one");
        HttpResponse<Buffer> rightPassword = signIn(newPlace(), "ana", TestHub.PASSWORD, null);
        assertUnknownDevicesLocked(rightPassword, "the right password from a device ana never used");
        assertEquals("Too many tries to sign in to this account from devices it has not been used on. Sign in from a "
                        + "device you have used before, or ask a lead to unlock your account. Or try again in 15 minutes.",
                rightPassword.bodyAsJsonObject().getString("message"));

        HttpResponse<Buffer> owner = signIn(newPlace(), "ana", TestHub.PASSWORD, anasLaptop);
        assertEquals(200, owner.statusCode(), "ana's own browser, from wherever it is now: " + owner.bodyAsString());
        assertNotNull(deviceCookie(owner), "renewed");
        assertEquals(401, signIn(newPlace(), "bob", "a wrong one", null).statusCode(), "other accounts are not touched");
        assertEquals(200, signIn(newPlace(), "bob", TestHub.PASSWORD, null).statusCode(), "and their new devices sign in");

        List<AuditRecord> locks = TestHub.await(hub.hub.settingsStore().auditEntries(0, 100_000)).stream()
                .map(e -> e.record()).filter(r -> r.action().equals("signin.unknown-devices-locked")).toList();
        assertEquals(1, locks.size(), "one entry for the lock, however many tries it refused: " + locks);
        assertEquals("ana", locks.get(0).target());
        assertNull(locks.get(0).detail());
    }

    @Test
    void guessesAtANameThatIsNoAccountLockAsARealOnesDoAndLeaveNoEntry() throws Exception {
        assertEquals(UNKNOWN_DEVICE_TRIES, lockUnknownDevices("nobody.here"), "no telling which names exist");
        assertTrue(TestHub.await(hub.hub.settingsStore().auditEntries(0, 100_000)).stream()
                .noneMatch(e -> e.record().action().equals("signin.unknown-devices-locked")));
    }

    @Test
    void aKnownDevicesOwnWrongPasswordsLockThatDeviceOnly() throws Exception {
        String anasLaptop = knownDevice("ana", TestHub.PASSWORD);
        String anasPhone = knownDevice("ana", TestHub.PASSWORD);
        WebClient office = newPlace();

        HttpResponse<Buffer> r = null;
        for (int i = 0; i < 20; i++) {
            r = signIn(office, "ana", "mistyped " + i, anasLaptop);
            if (r.statusCode() == 429 && "wait".equals(r.bodyAsJsonObject().getString("reason"))) {
                long seconds = Long.parseLong(r.getHeader("Retry-After"));
                hub.clock.advance(Duration.ofSeconds(seconds));
                if (redisStores() != null) Thread.sleep(seconds * 1000); // Redis keeps its own time
            } else if (r.statusCode() != 401) {
                break;
            }
        }
        assertEquals(429, r.statusCode(), r.bodyAsString());
        assertEquals("locked", r.bodyAsJsonObject().getString("reason"), "the device's own lock");
        assertEquals(429, signIn(newPlace(), "ana", TestHub.PASSWORD, anasLaptop).statusCode(),
                "the locked device stays locked from anywhere, right password or not");

        assertEquals(200, signIn(newPlace(), "ana", TestHub.PASSWORD, anasPhone).statusCode(), "her other device is not locked");
        assertEquals(200, signIn(office, "ana", TestHub.PASSWORD, null).statusCode(),
                "nor the place the device was at, nor unknown devices: its failures were its own");
    }

    @Test
    void forgedTamperedExpiredAnotherAccountsAndResetVoidedCookiesCountAsUnknown() throws Exception {
        String anas = knownDevice("ana", TestHub.PASSWORD);
        String bobs = knownDevice("bob", TestHub.PASSWORD);
        String anasBeforeReset = knownDevice("ana", TestHub.PASSWORD);
        assertEquals(204, client.post("/api/v1/lead/staff/ana/password", lead,
                new JsonObject().put("password", "a brand new password")).statusCode());
        String anasNow = knownDevice("ana", "a brand new password");
        lockUnknownDevices("ana");

        char last = anasNow.charAt(anasNow.length() - 1);
        String tampered = anasNow.substring(0, anasNow.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String[] cookie : List.of(
                new String[]{"forged", "made.up.value"},
                new String[]{"garbage", "%%%;;"},
                new String[]{"tampered", tampered},
                new String[]{"bob's", bobs},
                new String[]{"from before ana's password was reset", anasBeforeReset},
                new String[]{"ana's first, from before the reset", anas})) {
            assertUnknownDevicesLocked(signIn(newPlace(), "ana", "a brand new password", cookie[1]), cookie[0] + " cookie");
        }
        assertEquals(200, signIn(newPlace(), "ana", "a brand new password", anasNow).statusCode(), "the valid one works");

        hub.clock.advance(Duration.ofDays(91));
        lockUnknownDevices("ana"); // on Redis, the lock from before is still there: Redis keeps its own time
        HttpResponse<Buffer> expired = signIn(newPlace(), "ana", "a brand new password", anasNow);
        assertEquals(429, expired.statusCode(), "an expired cookie: " + expired.bodyAsString());
        assertEquals("unknown_devices_locked", expired.bodyAsJsonObject().getString("reason"), "an expired cookie");
    }

    /**
     * The hub started again on the same data directory (or settings Redis) with its live state gone: an in-memory hub
     * restarted, or the live Redis emptied (the extension flushes it at every start), as a failover without persistence.
     */
    private void liveStoreEmptied() throws Exception {
        hubs.start();
        client = new ConsoleClient(hub);
        lead = client.login("lena", TestHub.PASSWORD, null);
    }

    @Test
    void cookiesVoidedByALeadsResetStayVoidOnceTheLiveStoreIsEmptied() throws Exception {
        String anasBeforeReset = knownDevice("ana", TestHub.PASSWORD);
        String bobsBeforeReset = knownDevice("bob", TestHub.PASSWORD);
        assertEquals(204, client.post("/api/v1/lead/staff/ana/password", lead,
                new JsonObject().put("password", "a brand new password")).statusCode());
        assertEquals(204, client.post("/api/v1/lead/staff/bob/totp-reset", lead, null).statusCode());
        String anasAfterReset = knownDevice("ana", "a brand new password");

        liveStoreEmptied();
        lockUnknownDevices("ana");
        lockUnknownDevices("bob");
        assertUnknownDevicesLocked(signIn(newPlace(), "ana", "a brand new password", anasBeforeReset),
                "ana's cookie from before her password was reset");
        assertUnknownDevicesLocked(signIn(newPlace(), "bob", TestHub.PASSWORD, bobsBeforeReset),
                "bob's cookie from before his authenticator was reset (it may be the lost phone)");
        assertEquals(200, signIn(newPlace(), "ana", "a brand new password", anasAfterReset).statusCode(),
                "a cookie made after the reset stays valid: losing the live store voids nothing");
    }

    @Test
    void aLeadsUnlockLiftsLocksButKeepsThePersonsDevicesKnown() throws Exception {
        String anasLaptop = knownDevice("ana", TestHub.PASSWORD);
        lockUnknownDevices("ana");
        assertEquals(204, client.post("/api/v1/lead/staff/ana/unlock", lead, null).statusCode());

        lockUnknownDevices("ana"); // the guessers go on after the Unlock
        assertEquals(200, signIn(newPlace(), "ana", TestHub.PASSWORD, anasLaptop).statusCode(),
                "her own laptop still signs in: an Unlock says nothing against her devices");
    }

    @Test
    void theHostsUserResetVoidsTheCookies() throws Exception {
        String anas = knownDevice("ana", TestHub.PASSWORD);
        userReset("ana", "a password from the host");

        liveStoreEmptied();
        lockUnknownDevices("ana");
        assertUnknownDevicesLocked(signIn(newPlace(), "ana", "a password from the host", anas),
                "ana's cookie from before the host's reset");
        assertEquals(200, signIn(newPlace(), "ana", "a password from the host", knownDeviceAfterUnlock("ana")).statusCode());
    }

    /** A cookie made now, while unknown devices are locked out: a lead unlocks, the person signs in on a new browser. */
    private String knownDeviceAfterUnlock(String username) throws Exception {
        assertEquals(204, client.post("/api/v1/lead/staff/" + username + "/unlock", lead, null).statusCode());
        HttpResponse<Buffer> r = signIn(newPlace(), username, "a password from the host", null);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return deviceCookie(r);
    }

    /**
     * {@code hearth-hub user reset --password-stdin} where the hub reads accounts: the data directory with the hub stopped
     * (it is started again by {@link #liveStoreEmptied}), or the settings and live Redis while it runs.
     */
    private void userReset(String username, String password) throws Exception {
        UserResetCommand.Target target;
        if (redisStores() == null) {
            hub.close();
            SettingsStore files = new FileSettingsStore(hub.vertx, hub.dataDir, "main");
            target = new UserResetCommand.Target(hub.hub.config(), files, Optional.empty(), () -> files.close().await());
        } else {
            RedisSettingsStore settings = RedisSettingsStore.connect(hub.vertx, redisStores().settings().url(), "main", Clock.systemUTC())
                    .await(10, TimeUnit.SECONDS);
            RedisLiveStore live = RedisLiveStore.connect(hub.vertx, redisStores().live().url(), "main", Duration.ofHours(12), false)
                    .await(10, TimeUnit.SECONDS);
            target = new UserResetCommand.Target(hub.hub.config(), settings, Optional.of(new UserResetCommand.Live(live, "live Redis")), () -> {
                live.close().await();
                settings.close().await();
            });
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = UserResetCommand.run(new String[]{"--username", username, "--password-stdin"},
                new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8), target, TestConfigs.cheapHasher(hub.vertx), Clock.systemUTC());
        assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAccountStoredAsBeforeThisReleaseSignsInAndItsCookieOutlivesTheLiveStore() throws Exception {
        Account stored = TestHub.await(hub.hub.settingsStore().account("ana")).orElseThrow();
        assertFalse(HubJson.mapper().valueToTree(stored).has("devicesEpoch"), "no reset yet: stored as the release before stored it");
        String anas = knownDevice("ana", TestHub.PASSWORD);

        liveStoreEmptied();
        lockUnknownDevices("ana");
        assertEquals(200, signIn(newPlace(), "ana", TestHub.PASSWORD, anas).statusCode(), "still her known device");
    }

    /** A browser signed in: its session's Cookie header value, its CSRF token and the device cookie it was given. */
    private record Browser(String session, String csrf, String device) {
    }

    private Browser signedIn(String username, String password, String deviceCookie) throws Exception {
        HttpResponse<Buffer> r = signIn(newPlace(), username, password, deviceCookie);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String session = r.cookies().get(0);
        return new Browser(session.substring(0, session.indexOf(';')), r.bodyAsJsonObject().getString("csrfToken"), deviceCookie(r));
    }

    /** The security page's own password change, from that browser (its session and its device cookie). */
    private HttpResponse<Buffer> changeOwnPassword(Browser browser, String current, String next) throws Exception {
        return TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/console/password")
                .putHeader("Cookie", browser.session() + "; " + DEVICE_COOKIE + "=" + browser.device())
                .putHeader("X-CSRF-Token", browser.csrf())
                .sendJsonObject(new JsonObject().put("current", current).put("password", next)));
    }

    @Test
    void ownPasswordChangeVoidsTheOtherBrowsersCookiesAndTheBrowserThatMadeItStaysKnown() throws Exception {
        String anasPhone = knownDevice("ana", TestHub.PASSWORD);
        Browser sharedComputer = signedIn("ana", TestHub.PASSWORD, knownDevice("bob", TestHub.PASSWORD));

        HttpResponse<Buffer> changed = changeOwnPassword(sharedComputer, TestHub.PASSWORD, "ana's very own password");
        assertEquals(204, changed.statusCode(), changed.bodyAsString());
        String renewed = deviceCookie(changed);
        assertNotNull(renewed, "the browser that made the change gets a fresh cookie in the same response: " + changed.cookies());

        lockUnknownDevices("ana");
        lockUnknownDevices("bob");
        assertUnknownDevicesLocked(signIn(newPlace(), "ana", "ana's very own password", anasPhone), "her phone, signed in before the change");
        assertUnknownDevicesLocked(signIn(newPlace(), "ana", "ana's very own password", sharedComputer.device()),
                "the changing browser's cookie from before the change");
        assertEquals(200, signIn(newPlace(), "ana", "ana's very own password", renewed).statusCode(), "the browser that changed it stays known");
        assertEquals(200, signIn(newPlace(), "bob", TestHub.PASSWORD, renewed).statusCode(),
                "and keeps being the known device of the others who sign in on it");
    }

    @Test
    void theForcedFirstChangeOfNewStaffVoidsTheirOtherBrowsersToo() throws Exception {
        assertEquals(201, client.post("/api/v1/lead/staff", lead, new JsonObject().put("username", "cleo").put("displayName", "Cleo")
                .put("role", "advocate").put("password", "a password from the lead").put("capacity", 2)
                .put("languages", new JsonArray().add("en")).put("uiLanguage", "en")).statusCode());
        String elsewhere = knownDevice("cleo", "a password from the lead");
        Browser own = signedIn("cleo", "a password from the lead", null);

        HttpResponse<Buffer> changed = changeOwnPassword(own, "a password from the lead", "cleo's own password");
        assertEquals(204, changed.statusCode(), changed.bodyAsString());
        lockUnknownDevices("cleo");
        assertUnknownDevicesLocked(signIn(newPlace(), "cleo", "cleo's own password", elsewhere), "where the lead's password was used");
        assertEquals(200, signIn(newPlace(), "cleo", "cleo's own password", deviceCookie(changed)).statusCode(), "her own browser");
    }

    /**
     * A sign-in with {@code secret}'s code of the moment; once a code is used (signed in) the clock moves a window on,
     * so that no code is used twice (the hub refuses a code used before). A refusal leaves the clock, and the locks' seconds, as they are.
     */
    private HttpResponse<Buffer> signInWithCode(WebClient from, String username, String secret, String deviceCookie) throws Exception {
        HttpRequest<Buffer> request = from.post("/api/v1/login");
        if (deviceCookie != null) request.putHeader("Cookie", DEVICE_COOKIE + "=" + deviceCookie);
        String code = AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant());
        HttpResponse<Buffer> r = TestHub.await(request.sendJsonObject(new JsonObject()
                .put("username", username).put("password", TestHub.PASSWORD).put("totp", code)));
        if (r.statusCode() == 200) hub.clock.advance(Duration.ofSeconds(90));
        return r;
    }

    private Browser signedInWithCode(String username, String secret) throws Exception {
        HttpResponse<Buffer> r = signInWithCode(newPlace(), username, secret, null);
        assertEquals(200, r.statusCode(), r.bodyAsString());
        String session = r.cookies().get(0);
        return new Browser(session.substring(0, session.indexOf(';')), r.bodyAsJsonObject().getString("csrfToken"), deviceCookie(r));
    }

    private static final Pattern OFFERED_SECRET = Pattern.compile("<code id=\"totp-secret\">([A-Z2-7 ]+)</code>");

    /** The security page's set-up of a new authenticator app, from that browser: the response and the app's secret. */
    private Map.Entry<HttpResponse<Buffer>, String> setUpApp(Browser browser) throws Exception {
        String cookies = browser.session() + "; " + DEVICE_COOKIE + "=" + browser.device();
        HttpResponse<Buffer> page = TestHub.await(hub.http().get(hub.port(), "localhost", "/console/totp").putHeader("Cookie", cookies).send());
        Matcher offered = OFFERED_SECRET.matcher(page.bodyAsString());
        assertTrue(offered.find(), page.bodyAsString());
        String secret = offered.group(1).replace(" ", "");
        HttpResponse<Buffer> r = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/console/totp")
                .putHeader("Cookie", cookies).putHeader("X-CSRF-Token", browser.csrf())
                .sendJsonObject(new JsonObject().put("code", AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant()))
                        .put("password", TestHub.PASSWORD)));
        hub.clock.advance(Duration.ofSeconds(90));
        return Map.entry(r, secret);
    }

    private void giveAnApp(String username, String secret) throws Exception {
        Account a = TestHub.await(hub.hub.accounts().account(username)).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(a.withTotpSecret(secret)));
    }

    @Test
    void replacingOnesOwnAppVoidsTheOtherBrowsersCookiesAndTheBrowserThatDidItStaysKnown() throws Exception {
        String lostPhonesApp = TotpSecret.random();
        giveAnApp("ana", lostPhonesApp);
        HttpResponse<Buffer> onThePhone = signInWithCode(newPlace(), "ana", lostPhonesApp, null);
        assertEquals(200, onThePhone.statusCode(), onThePhone.bodyAsString());
        String lostPhone = deviceCookie(onThePhone);
        HttpResponse<Buffer> bobOnTheComputer = signIn(newPlace(), "bob", TestHub.PASSWORD, null);
        HttpResponse<Buffer> anaOnTheComputer = signInWithCode(newPlace(), "ana", lostPhonesApp, deviceCookie(bobOnTheComputer));
        assertEquals(200, anaOnTheComputer.statusCode(), anaOnTheComputer.bodyAsString());
        String session = anaOnTheComputer.cookies().get(0);
        Browser sharedComputer = new Browser(session.substring(0, session.indexOf(';')),
                anaOnTheComputer.bodyAsJsonObject().getString("csrfToken"), deviceCookie(anaOnTheComputer));

        Map.Entry<HttpResponse<Buffer>, String> replaced = setUpApp(sharedComputer);
        assertEquals(204, replaced.getKey().statusCode(), replaced.getKey().bodyAsString());
        String newApp = replaced.getValue();
        String renewed = deviceCookie(replaced.getKey());
        assertNotNull(renewed, "the browser that replaced the app gets a fresh cookie in the same response: " + replaced.getKey().cookies());

        lockUnknownDevices("ana");
        lockUnknownDevices("bob");
        assertUnknownDevicesLocked(signInWithCode(newPlace(), "ana", newApp, lostPhone), "the lost phone, signed in before the replacement");
        assertUnknownDevicesLocked(signInWithCode(newPlace(), "ana", newApp, sharedComputer.device()),
                "the replacing browser's cookie from before the replacement");
        assertEquals(200, signInWithCode(newPlace(), "ana", newApp, renewed).statusCode(), "the browser that replaced it stays known");
        assertEquals(200, signIn(newPlace(), "bob", TestHub.PASSWORD, renewed).statusCode(),
                "and keeps being the known device of the others who sign in on it");
    }

    @Test
    void replacingOnesOwnAppVoidsForGoodOnceTheLiveStoreIsEmptied() throws Exception {
        String oldApp = TotpSecret.random();
        giveAnApp("ana", oldApp);
        HttpResponse<Buffer> onThePhone = signInWithCode(newPlace(), "ana", oldApp, null);
        String lostPhone = deviceCookie(onThePhone);
        Map.Entry<HttpResponse<Buffer>, String> replaced = setUpApp(signedInWithCode("ana", oldApp));
        assertEquals(204, replaced.getKey().statusCode(), replaced.getKey().bodyAsString());

        liveStoreEmptied();
        lockUnknownDevices("ana");
        assertUnknownDevicesLocked(signInWithCode(newPlace(), "ana", replaced.getValue(), lostPhone), "the lost phone, after a restart");
        assertEquals(200, signInWithCode(newPlace(), "ana", replaced.getValue(), deviceCookie(replaced.getKey())).statusCode(),
                "the fresh cookie stays valid");
    }

    /** A first app replaces none: nothing was lost, so the person's browsers stay known (and this one keeps its cookie). */
    @Test
    void aFirstAppSetUpKeepsThePersonsBrowsersKnown() throws Exception {
        String laptop = knownDevice("ana", TestHub.PASSWORD);
        Browser office = signedIn("ana", TestHub.PASSWORD, null);

        Map.Entry<HttpResponse<Buffer>, String> first = setUpApp(office);
        assertEquals(204, first.getKey().statusCode(), first.getKey().bodyAsString());
        assertNull(deviceCookie(first.getKey()), "no cookie to renew: " + first.getKey().cookies());

        lockUnknownDevices("ana");
        assertEquals(200, signInWithCode(newPlace(), "ana", first.getValue(), laptop).statusCode(), "her laptop is still known");
        assertEquals(200, signInWithCode(newPlace(), "ana", first.getValue(), office.device()).statusCode(), "and the office's browser");
    }

    @Test
    void aBrowserKeepsTheDevicesOfSeveralAccounts() throws Exception {
        HttpResponse<Buffer> first = signIn(newPlace(), "ana", TestHub.PASSWORD, null);
        HttpResponse<Buffer> second = signIn(newPlace(), "bob", TestHub.PASSWORD, deviceCookie(first));
        String shared = deviceCookie(second);
        lockUnknownDevices("ana");
        lockUnknownDevices("bob");

        assertEquals(200, signIn(newPlace(), "ana", TestHub.PASSWORD, shared).statusCode(), "the shared computer is ana's known device");
        assertEquals(200, signIn(newPlace(), "bob", TestHub.PASSWORD, shared).statusCode(), "and bob's");
    }

    @Test
    void aLeadsUnlockLiftsTheAccountWideLock() throws Exception {
        lockUnknownDevices("ana");
        HttpResponse<Buffer> unlock = client.post("/api/v1/lead/staff/ana/unlock", lead, null);
        assertEquals(204, unlock.statusCode(), unlock.bodyAsString() + " " + lead);
        HttpResponse<Buffer> r = signIn(newPlace(), "ana", TestHub.PASSWORD, null);
        assertEquals(200, r.statusCode(), "a new device signs in again: " + r.bodyAsString());
        assertEquals(UNKNOWN_DEVICE_TRIES, lockUnknownDevices("ana"), "counted afresh");
    }

    @Test
    void aLeadsPasswordResetLiftsTheAccountWideLock() throws Exception {
        lockUnknownDevices("ana");
        assertEquals(204, client.post("/api/v1/lead/staff/ana/password", lead,
                new JsonObject().put("password", "a brand new password")).statusCode());
        assertEquals(200, signIn(newPlace(), "ana", "a brand new password", null).statusCode());
    }

    @Test
    void theLockEndsAfterLockoutMinutes() throws Exception {
        lockUnknownDevices("ana");
        hub.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        if (redisStores() != null) return; // Redis keeps its own time; the TTL is checked by SignInLiveStoreTest
        assertEquals(200, signIn(newPlace(), "ana", TestHub.PASSWORD, null).statusCode());
    }

    @Test
    void firstSignInsOfNewStaffWorkWithoutADeviceCookie() throws Exception {
        for (String name : List.of("cleo", "dana")) {
            hub.addAccount(name, Role.ADVOCATE, List.of("en"), 2);
            HttpResponse<Buffer> r = signIn(newPlace(), name, TestHub.PASSWORD, null);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            String set = r.cookies().stream().filter(h -> h.startsWith(DEVICE_COOKIE + "=")).findFirst().orElseThrow();
            String lower = set.toLowerCase(java.util.Locale.ROOT);
            assertTrue(lower.contains("; httponly") && lower.contains("; samesite=strict") && lower.contains("; path=/"), set);
            assertTrue(set.contains("Max-Age=" + Duration.ofDays(90).toSeconds()), set);
            assertTrue(r.cookies().get(0).startsWith("hearth_session="), "the session cookie comes first, as before");
            assertNotEquals(-1, deviceCookie(r).indexOf('.'));
            assertTrue(!deviceCookie(r).contains(name), "the cookie does not name the account: " + deviceCookie(r));
        }
    }
}
