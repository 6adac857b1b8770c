package org.hearthhub.console;

import io.vertx.core.Vertx;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
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
        hub.close();
    }

    /** Fills in and sends the sign-in form; callers wait for what their page shows next. */
    void submitLogin(String username) {
        browser.open(base + "/console/login");
        browser.waitFor("#username").sendKeys(username);
        browser.find("#password").sendKeys(TestHub.PASSWORD);
        browser.clickable("#login-submit").click();
    }
}
