package org.hearthhub.web;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What changes when the public URL is https (the hub behind a TLS proxy): browsers are told to keep to
 * HTTPS (HSTS), and the staff session cookie is a {@code __Host-} cookie. Over plain http (a hub tried on
 * localhost) neither, and sign-in works as well.
 */
class PublicUrlSchemeTest {
    private static final String HTTPS_URL = "https://chat.example.org";

    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    Vertx vertx;
    TestHub hub;

    private HttpResponse<Buffer> get(String path, String cookie) throws Exception {
        var request = hub.http().get(hub.port(), "localhost", path);
        if (cookie != null) request.putHeader("Cookie", cookie);
        return TestHub.await(request.send());
    }

    /** The Set-Cookie header of a fresh sign-in. */
    private String signIn() throws Exception {
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        return hub.login("maria");
    }

    @Test
    void behindHttpsTheHubSendsHstsAndAHostPrefixedSessionCookie() throws Exception {
        hub = hubs.start(Map.of("HEARTH_PUBLIC_URL", HTTPS_URL));
        for (String path : List.of("/api/v1/status", "/w/", "/console/login", "/no-such-page")) {
            assertEquals("max-age=31536000; includeSubDomains", get(path, null).getHeader("Strict-Transport-Security"), path);
        }

        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        HttpResponse<Buffer> login = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new io.vertx.core.json.JsonObject().put("username", "maria").put("password", TestHub.PASSWORD)));
        String setCookie = login.cookies().get(0);
        String attributes = setCookie.toLowerCase(Locale.ROOT);
        assertTrue(setCookie.startsWith("__Host-hearth_session="), setCookie);
        assertTrue(attributes.contains("; secure") && attributes.contains("; path=/") && !attributes.contains("domain="),
                "what the browser requires of a __Host- cookie: " + setCookie);

        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        assertEquals(200, get("/api/v1/console/me", cookie).statusCode());
        assertEquals(401, get("/api/v1/console/me", cookie.replace("__Host-", "")).statusCode(), "only the __Host- name counts");
        try (WsClient console = WsClient.connect(vertx, hub.port(), "/ws/advocate", HTTPS_URL, cookie)) {
            assertFalse(console.await("shift").getBoolean("onShift"), "the console socket takes the same cookie");
        }
        assertEquals(401, WsClient.refusedStatus(vertx, hub.port(), "/ws/advocate", HTTPS_URL, cookie.replace("__Host-", "")));

        // The TLS proxy in front speaks plain http to the hub: the program a console remembers is Secure all the same.
        String program = get("/console?program=main", cookie).cookies().stream().filter(c -> c.startsWith("hearth-program="))
                .findFirst().orElseThrow();
        assertTrue(program.toLowerCase(Locale.ROOT).contains("; secure"), "never sent over plain http either: " + program);
    }

    @Test
    void anHttpsUrlWrittenInCapitalsGetsTheSecureCookieAsWell() throws Exception {
        // The configuration takes the scheme in any case (URLs' schemes are case-insensitive), and so does HSTS.
        hub = hubs.start(Map.of("HEARTH_PUBLIC_URL", "HTTPS://chat.example.org"));
        assertEquals("max-age=31536000; includeSubDomains", get("/console/login", null).getHeader("Strict-Transport-Security"));
        hub.addAccount("maria", Role.ADVOCATE, List.of("en"), 2);
        String setCookie = TestHub.await(hub.http().post(hub.port(), "localhost", "/api/v1/login")
                .sendJsonObject(new io.vertx.core.json.JsonObject().put("username", "maria").put("password", TestHub.PASSWORD)))
                .cookies().get(0);
        assertTrue(setCookie.startsWith("__Host-hearth_session=") && setCookie.toLowerCase(Locale.ROOT).contains("; secure"),
                "never a cookie the browser would also send over plain http: " + setCookie);
    }

    @Test
    void overPlainHttpNeitherAndSignInStillWorks() throws Exception {
        hub = hubs.start();
        assertNull(get("/api/v1/status", null).getHeader("Strict-Transport-Security"), "HSTS means nothing over http");

        String cookie = signIn();
        assertTrue(cookie.startsWith("hearth_session="), cookie);
        assertEquals(200, get("/api/v1/console/me", cookie).statusCode());
        try (WsClient console = WsClient.connect(vertx, hub.port(), "/ws/advocate", hub.publicUrl(), cookie)) {
            assertFalse(console.await("shift").getBoolean("onShift"));
        }
    }
}
