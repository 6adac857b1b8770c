package org.hearthhub.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginCheckTest {
    private static final String PUBLIC = "https://chat.example.org";

    @Test
    void exactSchemeHostAndPortIsAllowed() {
        assertTrue(StaffAuth.originAllowed("https://chat.example.org", PUBLIC));
        assertTrue(StaffAuth.originAllowed("https://chat.example.org:443", PUBLIC), "default port written out");
        assertTrue(StaffAuth.originAllowed("https://CHAT.example.org", PUBLIC), "host names are case-insensitive");
        assertTrue(StaffAuth.originAllowed("http://localhost:8080", "http://localhost:8080"));
        assertTrue(StaffAuth.originAllowed("https://chat.example.org", "https://chat.example.org/hearth"),
                "the public URL may carry a path; only its origin counts");
    }

    @Test
    void anythingElseIsRefused() {
        assertFalse(StaffAuth.originAllowed(null, PUBLIC));
        assertFalse(StaffAuth.originAllowed("null", PUBLIC), "sandboxed frames and file: pages send \"null\"");
        assertFalse(StaffAuth.originAllowed("", PUBLIC));
        assertFalse(StaffAuth.originAllowed("http://chat.example.org", PUBLIC), "scheme differs");
        assertFalse(StaffAuth.originAllowed("https://chat.example.org:8443", PUBLIC), "port differs");
        assertFalse(StaffAuth.originAllowed("https://evil.example.org", PUBLIC));
        assertFalse(StaffAuth.originAllowed("https://chat.example.org.evil.example", PUBLIC), "suffix trick");
        assertFalse(StaffAuth.originAllowed("https://evil.example/chat.example.org", PUBLIC));
        assertFalse(StaffAuth.originAllowed("https://chat.example.org/", PUBLIC), "an Origin header has no path");
        assertFalse(StaffAuth.originAllowed("https://user@chat.example.org", PUBLIC));
        assertFalse(StaffAuth.originAllowed("https://chat.example.org", null));
        assertFalse(StaffAuth.originAllowed("not a url", PUBLIC));
        assertFalse(StaffAuth.originAllowed("http://localhost:8081", "http://localhost:8080"));
    }
}
