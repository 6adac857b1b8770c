package org.hearthhub.console;

import io.vertx.core.Vertx;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.FakeTwilio;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One headless Chromium per console test class and a fresh hub per test, the browser signed out. */
abstract class ConsoleBrowserTestBase {
    static Browser browser;
    static Vertx vertx;

    @TempDir
    Path dataDir;
    TestHub hub;
    String base;
    /** Only after {@link #startHubSignedOutWithTwilio}. */
    FakeTwilio twilio;

    @BeforeAll
    static void startBrowser() throws Exception {
        assumeTrue(Browser.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        vertx = Vertx.vertx();
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) browser.close();
        if (vertx != null) TestHub.await(vertx.close());
    }

    /** Starts this test's hub and leaves the browser on its login page with no cookies. */
    void startHubSignedOut(Map<String, String> env) throws Exception {
        hub = TestHub.start(vertx, dataDir, env);
        base = hub.publicUrl();
        browser.open(base + "/console/login");
        browser.clearCookies();
    }

    @AfterEach
    void stopHub() throws Exception {
        try {
            hub.close();
        } finally {
            if (twilio != null) twilio.close();
        }
    }

    /**
     * {@link #startHubSignedOut} with a Twilio account that is {@link #twilio}, a local fake (texts to
     * {@link FakeTwilio#FROM}), and these more options as name, value pairs.
     */
    void startHubSignedOutWithTwilio(String... more) throws Exception {
        twilio = FakeTwilio.start(vertx);
        Map<String, String> env = new HashMap<>(Map.of("HEARTH_TWILIO_ACCOUNT_SID", FakeTwilio.ACCOUNT_SID,
                "HEARTH_TWILIO_AUTH_TOKEN", FakeTwilio.AUTH_TOKEN, "HEARTH_TWILIO_FROM", FakeTwilio.FROM,
                "HEARTH_TWILIO_API_BASE", twilio.baseUrl()));
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        startHubSignedOut(env);
    }

    /** Fills in and sends the sign-in form; callers wait for what their page shows next. */
    void submitLogin(String username) {
        browser.open(base + "/console/login");
        browser.waitFor("#username").sendKeys(username);
        browser.find("#password").sendKeys(TestHub.PASSWORD);
        browser.clickable("#login-submit").click();
    }
}
