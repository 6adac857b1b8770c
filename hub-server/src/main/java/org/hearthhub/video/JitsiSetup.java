package org.hearthhub.video;

import org.hearthhub.config.ConfigException;
import org.hearthhub.config.HubConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Turns the {@code jitsi.*} options into the token signer for one of the two dialects, or none when
 * video is off. Half a configuration is refused at start-up rather than discovered at the first offer.
 */
final class JitsiSetup {
    /** A host name with an optional port: it goes into URLs and the CSP, so nothing else may get through. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\\d{1,5})?");

    private JitsiSetup() {
    }

    /** Reads the JaaS key file when configured, so call it off the event loop. Null when video is off. */
    static RoomTokens tokens(HubConfig.Jitsi c) {
        boolean selfHosted = c.appId() != null || c.appSecret() != null;
        boolean jaas = c.jaasKeyId() != null || c.jaasPrivateKeyFile() != null || c.jaasTenant() != null;
        if (c.domain() == null) {
            if (selfHosted || jaas) {
                throw new ConfigException("jitsi.domain (HEARTH_JITSI_DOMAIN) is needed when Jitsi keys are given: "
                        + "your Jitsi host, or 8x8.vc for JaaS");
            }
            return null;
        }
        if (!HOST.matcher(c.domain()).matches()) {
            throw new ConfigException("jitsi.domain (HEARTH_JITSI_DOMAIN) must be a host name such as meet.example.org, "
                    + "without https:// or a path (got '" + c.domain() + "')");
        }
        if (selfHosted && jaas) {
            throw new ConfigException("give either jitsi.appId/jitsi.appSecret (self-hosted Jitsi) or "
                    + "jitsi.jaasKeyId/jitsi.jaasPrivateKeyFile (8x8 JaaS), not both");
        }
        RoomTokens tokens;
        if (selfHosted) tokens = selfHosted(c);
        else if (jaas) tokens = jaas(c);
        else throw new ConfigException("jitsi.domain is set but no keys are: give jitsi.appId and jitsi.appSecret "
                    + "(self-hosted Jitsi) or jitsi.jaasKeyId and jitsi.jaasPrivateKeyFile (8x8 JaaS)");
        probe(tokens);
        return tokens;
    }

    private static RoomTokens selfHosted(HubConfig.Jitsi c) {
        if (c.appId() == null || c.appSecret() == null) {
            throw new ConfigException("self-hosted Jitsi needs both jitsi.appId (HEARTH_JITSI_APP_ID) and "
                    + "jitsi.appSecret (HEARTH_JITSI_APP_SECRET)");
        }
        try {
            return new SelfHostedTokens(c.appId(), c.appSecret(), c.domain());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("jitsi.appSecret (HEARTH_JITSI_APP_SECRET): " + e.getMessage()
                    + "; generate one with: openssl rand -hex 32");
        }
    }

    private static RoomTokens jaas(HubConfig.Jitsi c) {
        if (c.jaasKeyId() == null || c.jaasPrivateKeyFile() == null) {
            throw new ConfigException("8x8 JaaS needs both jitsi.jaasKeyId (HEARTH_JITSI_JAAS_KEY_ID) and "
                    + "jitsi.jaasPrivateKeyFile (HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE)");
        }
        int slash = c.jaasKeyId().indexOf('/');
        String tenant = c.jaasTenant() != null ? c.jaasTenant() : slash > 0 ? c.jaasKeyId().substring(0, slash) : null;
        if (tenant == null || !tenant.matches("[A-Za-z0-9-]+")) {
            throw new ConfigException("jitsi.jaasTenant (HEARTH_JITSI_JAAS_TENANT) must be your JaaS app id "
                    + "(vpaas-magic-cookie-…); it is taken from jitsi.jaasKeyId when that has the form tenant/key");
        }
        Path file = Path.of(c.jaasPrivateKeyFile());
        PrivateKey key;
        try {
            key = PemKeys.rsaPrivateKey(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("jitsi.jaasPrivateKeyFile (HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE): cannot read " + file
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("jitsi.jaasPrivateKeyFile (HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE): " + e.getMessage());
        }
        if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < 2048) {
            throw new ConfigException("jitsi.jaasPrivateKeyFile (HEARTH_JITSI_JAAS_PRIVATE_KEY_FILE): RS256 needs an RSA key "
                    + "of at least 2048 bits");
        }
        return new JaasTokens(c.jaasKeyId(), tenant, key);
    }

    /** Signs one throw-away token, so that a key the JWT library refuses stops the start, not the first call. */
    private static void probe(RoomTokens tokens) {
        Instant now = Instant.now();
        try {
            tokens.mint("probe", new Participant("probe", false), now, now.plusSeconds(60));
        } catch (RuntimeException e) {
            throw new ConfigException("the Jitsi key cannot sign tokens: " + e.getClass().getSimpleName());
        }
    }
}
