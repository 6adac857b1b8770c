package org.hearthhub.guard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginCheckTest {
    private static final String PUBLIC = "https://chat.example.org";

    @Test
    void exactSchemeHostAndPortIsAllowed() {
        assertTrue(Origins.allowed("https://chat.example.org", PUBLIC));
        assertTrue(Origins.allowed("https://chat.example.org:443", PUBLIC), "default port written out");
        assertTrue(Origins.allowed("https://CHAT.example.org", PUBLIC), "host names are case-insensitive");
        assertTrue(Origins.allowed("http://localhost:8080", "http://localhost:8080"));
        assertTrue(Origins.allowed("https://chat.example.org", "https://chat.example.org/hearth"),
                "the public URL may carry a path; only its origin counts");
    }

    @Test
    void anythingElseIsRefused() {
        assertFalse(Origins.allowed(null, PUBLIC));
        assertFalse(Origins.allowed("null", PUBLIC), "sandboxed frames and file: pages send \"null\"");
        assertFalse(Origins.allowed("", PUBLIC));
        assertFalse(Origins.allowed("http://chat.example.org", PUBLIC), "scheme differs");
        assertFalse(Origins.allowed("https://chat.example.org:8443", PUBLIC), "port differs");
        assertFalse(Origins.allowed("https://evil.example.org", PUBLIC));
        assertFalse(Origins.allowed("https://chat.example.org.evil.example", PUBLIC), "suffix trick");
        assertFalse(Origins.allowed("https://evil.example/chat.example.org", PUBLIC));
        assertFalse(Origins.allowed("https://chat.example.org/", PUBLIC), "an Origin header has no path");
        assertFalse(Origins.allowed("https://user@chat.example.org", PUBLIC));
        assertFalse(Origins.allowed("https://chat.example.org", null));
        assertFalse(Origins.allowed("not a url", PUBLIC));
        assertFalse(Origins.allowed("http://localhost:8081", "http://localhost:8080"));
    }
}
