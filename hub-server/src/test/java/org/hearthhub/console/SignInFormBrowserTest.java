package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import org.hearthhub.auth.TotpSecret;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sign-in form before its script has run (slow network, a password manager filling it at once): a form with
 * no handler yet would be sent by the browser itself, and sent as a GET it puts the username and password in the
 * URL, into the history of a shared device and the proxy's access log. Its button stays off until the script has
 * its handler on the form, and the form would post anyway.
 */
class SignInFormBrowserTest extends ConsoleBrowserTestBase {
    private static final String SECRET = "kept out of every URL";

    @Test
    void beforeItsScriptRunsNothingIsSentAndNoPasswordReachesAUrl() throws Exception {
        startHubSignedOut(Map.of());
        hub.addAccount("lena", Role.LEAD, List.of("en"), 2);
        browser.blockUrls("*/console/assets/login.js");
        try {
            browser.open(base + "/console/login");
            browser.waitFor("#username").sendKeys("lena");
            WebElement password = browser.find("#password");
            password.sendKeys(SECRET);
            assertFalse(browser.find("#login-submit").isEnabled(), "off until the script is there");
            assertEquals("post", browser.find("#login-form").getAttribute("method"));
            password.sendKeys(Keys.ENTER);
            browser.find("#login-submit").click();
            Thread.sleep(500); // time enough for a navigation the browser would start at once
            String url = browser.webDriver().getCurrentUrl();
            assertEquals(base + "/console/login", url, "nothing was submitted");
            assertFalse(browser.requestedUrls().stream().anyMatch(u -> u.contains("password=")), browser.requestedUrls().toString());
        } finally {
            browser.blockUrls();
        }

        // With its script, the button comes on and signing in works as before.
        submitLogin("lena");
        browser.until(d -> !d.getCurrentUrl().contains("/login"));
        assertTrue(browser.webDriver().getCurrentUrl().startsWith(base + "/console"));
    }

    @Test
    void whenTheAccountsCodesAreLockedTheFormSaysSomeoneMayKnowThePassword() throws Exception {
        startHubSignedOut(Map.of());
        hub.addAccount("lena", Role.LEAD, List.of("en"), 2);
        String secret = TotpSecret.random();
        Account a = TestHub.await(hub.hub.accounts().account("lena")).orElseThrow();
        TestHub.await(hub.hub.accounts().saveAccount(new Account(a.username(), a.displayName(), a.role(), a.passwordHash(), secret,
                false, a.capacity(), a.languages(), a.uiLanguage(), a.createdAt())));
        String code = AdvocateConsoleBrowserTest.totp(secret, hub.clock.instant());
        String wrong = code.equals("000000") ? "111111" : "000000";
        // Someone with the password, from five other places, two wrong codes each.
        for (int place = 1; place <= 5; place++) {
            WebClient from = hub.clientFrom("127.0.1." + place, 1);
            for (int i = 0; i < 2; i++) {
                TestHub.await(from.post("/api/v1/login").sendJsonObject(new JsonObject()
                        .put("username", "lena").put("password", TestHub.PASSWORD).put("totp", wrong)));
            }
        }

        submitLogin("lena");
        browser.waitFor("#totp").sendKeys(code);
        browser.clickable("#login-submit").click();
        browser.until(d -> {
            String said = browser.find("#login-error").getText();
            return !said.isEmpty() && !said.startsWith("Enter the 6-digit code");
        });
        assertEquals("Too many wrong codes for your account, from anywhere: someone may know your password. "
                + "Ask a lead to reset it.", browser.find("#login-error").getText());
        assertTrue(browser.webDriver().getCurrentUrl().contains("/console/login"), "not signed in");
    }

    @Test
    void whenUnknownDevicesAreLockedOutTheFormSaysToUseAKnownDeviceOrAskALeadInEnglishAndSpanish() throws Exception {
        startHubSignedOut(Map.of());
        hub.addAccount("lena", Role.LEAD, List.of("en", "es"), 2);
        // Fifteen wrong passwords from fifteen other places: this browser has never signed in as lena.
        for (int place = 1; place <= 15; place++) {
            TestHub.await(TestHub.tryLogin(hub.clientFrom("127.0.1." + place, 1), "lena", "a guess " + place));
        }

        for (String[] lang : new String[][]{
                {"en", "Too many tries to sign in to your account from devices it has not been used on. Sign in from a "
                        + "device you have used before, or ask a lead to unlock your account."},
                {"es", "Demasiados intentos de iniciar sesión en su cuenta desde dispositivos en los que no se ha usado. "
                        + "Inicie sesión desde un dispositivo que haya usado antes o pida a una coordinadora que desbloquee su cuenta."}}) {
            browser.open(base + "/console/login?lang=" + lang[0]);
            browser.waitFor("#username").sendKeys("lena");
            browser.find("#password").sendKeys(TestHub.PASSWORD);
            browser.clickable("#login-submit").click();
            browser.until(d -> !browser.find("#login-error").getText().isEmpty());
            assertEquals(lang[1], browser.find("#login-error").getText(), lang[0]);
            assertTrue(browser.webDriver().getCurrentUrl().contains("/console/login"), "not signed in");
        }
    }
}
