package org.hearthhub.video;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.config.ConfigException;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A half-done Jitsi configuration stops the hub at start with a message naming the option; a complete
 * one puts the Jitsi host, and only it, into the CSP of the pages that join calls.
 */
class JitsiSetupTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    /** Key files, outside the hub's data directory. */
    @TempDir
    Path dir;

    private String startFailure(Map<String, String> env) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> hubs.start(env));
        assertInstanceOf(ConfigException.class, e.getCause());
        return e.getCause().getMessage();
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    @Test
    void aDomainWithoutKeysIsRefused() {
        String message = startFailure(env("HEARTH_JITSI_DOMAIN", "meet.example.org"));
        assertTrue(message.contains("jitsi.appId") && message.contains("jitsi.jaasKeyId"), message);
    }

    @Test
    void keysWithoutADomainAreRefused() {
        String message = startFailure(env("HEARTH_JITSI_APP_ID", "hearth", "HEARTH_JITSI_APP_SECRET", VideoOfferTest.SECRET));
        assertTrue(message.contains("HEARTH_JITSI_DOMAIN"), message);
    }

    @Test
    void aShortAppSecretIsRefused() {
        String message = startFailure(env("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", "too-short"));
        assertTrue(message.contains("HEARTH_JITSI_APP_SECRET") && message.contains("32 bytes"), message);
        assertFalse(message.contains("too-short"), "a secret is never echoed");
    }

    @Test
    void anAppIdWithoutSecretIsRefused() {
        String message = startFailure(env("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth"));
        assertTrue(message.contains("HEARTH_JITSI_APP_SECRET"), message);
    }

    @Test
    void aDomainThatIsNotAHostNameIsRefused() {
        for (String bad : new String[]{"https://meet.example.org", "meet.example.org/room", "meet.example.org; script-src *"}) {
            String message = startFailure(env("HEARTH_JITSI_DOMAIN", bad, "HEARTH_JITSI_APP_ID", "hearth",
                    "HEARTH_JITSI_APP_SECRET", VideoOfferTest.SECRET));
            assertTrue(message.contains("host name"), message);
        }
    }

    @Test
    void bothDialectsAtOnceAreRefused() {
        String message = startFailure(env("HEARTH_JITSI_DOMAIN", "meet.example.org", "HEARTH_JITSI_APP_ID", "hearth",
                "HEARTH_JITSI_APP_SECRET", VideoOfferTest.SECRET, "HEARTH_JITSI_JAAS_KEY_ID", VideoOfferTest.KID,
                "HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE", dir.resolve("k.pem").toString()));
        assertTrue(message.contains("not both"), message);
    }

    @Test
    void aMissingOrUnreadableJaasKeyIsRefused() throws Exception {
        Path missing = dir.resolve("missing.pem");
        String message = startFailure(env("HEARTH_JITSI_DOMAIN", "8x8.vc", "HEARTH_JITSI_JAAS_KEY_ID", VideoOfferTest.KID,
                "HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE", missing.toString()));
        assertTrue(message.contains("HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE") && message.contains("cannot read"), message);

        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a key at all\n");
        message = startFailure(env("HEARTH_JITSI_DOMAIN", "8x8.vc", "HEARTH_JITSI_JAAS_KEY_ID", VideoOfferTest.KID,
                "HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE", garbage.toString()));
        assertTrue(message.contains("no PEM block"), message);

        Path encrypted = Files.writeString(dir.resolve("encrypted.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        message = startFailure(env("HEARTH_JITSI_DOMAIN", "8x8.vc", "HEARTH_JITSI_JAAS_KEY_ID", VideoOfferTest.KID,
                "HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE", encrypted.toString()));
        assertTrue(message.contains("encrypted"), message);
    }

    @Test
    void aJaasKeyIdWithoutTenantNeedsTheTenantOption() throws Exception {
        Path pem = Files.writeString(dir.resolve("k.pem"), pem("PRIVATE KEY", rsaKey().getEncoded()));
        String message = startFailure(env("HEARTH_JITSI_DOMAIN", "8x8.vc", "HEARTH_JITSI_JAAS_KEY_ID", "4f4910",
                "HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE", pem.toString()));
        assertTrue(message.contains("HEARTH_JITSI_JAAS_TENANT"), message);
    }

    @Test
    void pkcs1AndPkcs8KeysReadTheSame() throws Exception {
        PrivateKey key = rsaKey();
        byte[] pkcs8 = key.getEncoded();
        // Java writes PKCS#8 for RSA as a fixed 26-byte header around the PKCS#1 structure.
        assertEquals(0x04, pkcs8[22], "OCTET STRING holding the PKCS#1 key");
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        assertEquals(key, PemKeys.rsaPrivateKey(pem("PRIVATE KEY", pkcs8)));
        assertEquals(key, PemKeys.rsaPrivateKey("some comment before\n" + pem("RSA PRIVATE KEY", pkcs1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PemKeys.rsaPrivateKey(pem("CERTIFICATE", pkcs1)));
        assertTrue(e.getMessage().contains("CERTIFICATE"), e.getMessage());
    }

    // ---------------------------------------------------------------- CSP

    private static HttpResponse<?> get(TestHub hub, String path) throws Exception {
        return TestHub.await(hub.http().request(HttpMethod.GET, hub.port(), "localhost", path).send());
    }

    @Test
    void theChatAppAndConsoleMayLoadAndFrameTheJitsiHostOnly() throws Exception {
        TestHub hub = hubs.start(VideoOfferTest.SELF_HOSTED);
        String csp = get(hub, "/w/").getHeader("Content-Security-Policy");
        assertTrue(csp.matches(".*script-src ('sha256-[A-Za-z0-9+/=]+' )+https://meet\\.example\\.org;.*"), csp);
        assertTrue(csp.contains("frame-src https://meet.example.org;"), csp);
        assertEquals(2, csp.split("meet\\.example\\.org", -1).length - 1, "named in script-src and frame-src only: " + csp);
        assertTrue(get(hub, "/w/").getHeader("Permissions-Policy")
                .contains("camera=(self \"https://meet.example.org\")"), "the call may use the camera the survivor allows");
        assertTrue(get(hub, "/console/").getHeader("Content-Security-Policy").contains("frame-src https://meet.example.org;"));
        for (String other : new String[]{"/health", "/widget.js", "/demo", "/api/v1/status"}) {
            String policy = get(hub, other).getHeader("Content-Security-Policy");
            assertFalse(policy.contains("meet.example.org"), other + ": " + policy);
        }
    }

    @Test
    void withoutVideoTheChatAppFramesNothing() throws Exception {
        TestHub hub = hubs.start();
        String csp = get(hub, "/w/").getHeader("Content-Security-Policy");
        assertTrue(csp.matches(".*script-src 'sha256-[A-Za-z0-9+/=]+' 'sha256-[A-Za-z0-9+/=]+';.*"), csp);
        assertFalse(csp.contains("frame-src"), "default-src 'self' applies: " + csp);
        assertEquals("geolocation=(), microphone=(self), camera=(self)", get(hub, "/w/").getHeader("Permissions-Policy"));
    }

    private static PrivateKey rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + kind + "-----\n";
    }
}
