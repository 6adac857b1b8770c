package org.hearthhub.browser;

import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.testing.Browser;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/privacy.md on the survivor side, checked from the browser: no cookies, nothing in storage but the
 * resume token, no request to anyone but the program's site and the hub, strict headers.
 */
class SurvivorPrivacyBrowserTest extends BrowserTestBase {

    private static final List<String> SURVIVOR_PATHS = List.of("/w/", "/w/app.css", "/w/i18n/en.json",
            "/w/i18n/es.json", "/widget.js", "/api/v1/status?lang=en");

    private static void assertStrictHeaders(String what, Map<String, String> h) {
        String csp = h.get("Content-Security-Policy");
        String scripts = (what.startsWith("/") ? what : URI.create(what).getPath()).startsWith("/w/") ? "script-src 'sha256-" : "script-src 'self'"; // the chat app's are inline, by hash
        assertTrue(csp != null && csp.contains(scripts) && csp.contains("default-src 'self'"), what + " CSP: " + csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), what + " CSP allows inline/eval: " + csp);
        assertEquals("no-referrer", h.get("Referrer-Policy"), what);
        assertEquals("no-store", h.get("Cache-Control"), what);
        assertNull(h.get("Set-Cookie"), what + " sets a cookie");
    }

    @Test
    void survivorSideSendsStrictHeaders() throws Exception {
        for (String path : SURVIVOR_PATHS) {
            HttpResponse<?> r = TestHub.await(hub.http().get(hub.port(), "localhost", path).send());
            assertEquals(200, r.statusCode(), path);
            Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            r.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
            assertStrictHeaders(path, h);
        }
    }

    @Test
    void aWholeChatLeavesNoCookieNoStorageAndTalksOnlyToTheSiteAndTheHub() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        openHostPage("en");
        openWidget();
        startChat();
        type("is this private?");
        String id = acceptNext(advocate);
        advocate.send("message", "conversation", id, "clientId", "a1", "text", "Yes. Nothing is kept.");
        line("Yes. Nothing is kept.");

        assertEquals(List.of("hearth.token"), browser.js("return Object.keys(sessionStorage)"), "the chat keeps only its resume token");
        assertEquals(0L, browser.js("return localStorage.length"));
        toHostPage();
        assertEquals(List.of(), browser.js("return Object.keys(sessionStorage)"), "the loader keeps nothing in the host page's storage");
        assertEquals(0L, browser.js("return localStorage.length"));
        assertEquals(List.of(), browser.allCookies(), "no cookie for any site");

        intoChat();
        browser.visible(By.id("exit")).click();
        browser.until(d -> topUrl().equals(host.exitUrl()));
        advocate.awaitMatching("ended", e -> "quick_exit".equals(e.getString("reason")));

        List<Browser.Request> requests = browser.requests();
        Set<String> allowed = Set.of(URI.create(hub.publicUrl()).getAuthority(), URI.create(host.url("/")).getAuthority());
        List<String> elsewhere = new ArrayList<>();
        for (Browser.Request r : requests) {
            URI uri = URI.create(r.url());
            String scheme = uri.getScheme();
            if (scheme.equals("data") || scheme.equals("about") || scheme.equals("chrome")) continue;
            if (!allowed.contains(uri.getAuthority())) elsewhere.add(r.url());
        }
        assertTrue(elsewhere.isEmpty(), () -> "requests to other hosts: " + elsewhere);
        assertTrue(requests.stream().anyMatch(r -> r.url().equals(hub.publicUrl().replace("http:", "ws:") + "/ws/survivor")),
                "the request log saw the chat's WebSocket: " + requests);

        // What the browser actually received for the chat page and its files.
        List<Browser.Request> fromHub = requests.stream().filter(r -> r.url().startsWith(hub.publicUrl() + "/w/")
                || r.url().equals(hub.publicUrl() + "/widget.js")).toList();
        assertTrue(fromHub.size() >= 4, "widget.js, the page (its scripts inline), style and texts: " + fromHub);
        assertTrue(fromHub.stream().noneMatch(r -> r.url().matches(".*/w/.*\\.js(\\?.*)?")), "the chat app loads no script by URL");
        for (Browser.Request r : fromHub) assertStrictHeaders(r.url(), r.responseHeaders());
        assertEquals(List.of(), browser.allCookies());
    }
    @Test
    void anEndedChatIsNotBackWhenTheHostPageIsLeftAndBackIsPressed() throws Exception {
        WsClient advocate = hub.advocateOnShift("maria");
        String id = chatWith(advocate, "en");
        type("he reads my phone");
        advocate.awaitMatching("message", m -> "he reads my phone".equals(m.getString("text")));
        advocate.send("end", "conversation", id);
        browser.withText(By.id("ended-h"), "Thank you for reaching out");
        assertTrue(browser.driver.findElement(By.id("kept")).isDisplayed(), "the ended chat is on screen, in memory only");

        browser.js("window.sameDocument = true");
        // The survivor goes on through the program's site; later someone else presses Back.
        toHostPage();
        browser.driver.findElement(By.linkText("About us")).click();
        browser.until(d -> topUrl().equals(host.url("/about")));
        browser.driver.navigate().back();
        browser.until(d -> topUrl().equals(host.url("/?lang=en")));
        launcher();
        assertEquals(true, browser.js("return window.sameDocument === true"), "Chromium brought the chat's page back whole (the case here)");
        assertEquals("", browser.js("return document.getElementById('kept-log').textContent"),
                "the page's memory is not brought back (back/forward cache): the ended chat is gone, as after a reload");
        assertFalse(String.valueOf(browser.js("return document.body.textContent")).contains("he reads my phone"));
        assertFalse(browser.driver.findElement(By.id("s-ended")).isDisplayed(), "nor does the ended screen say there was a chat");
        assertFalse(panelShown(), "the chat is closed, as the page first showed it");
    }
}
