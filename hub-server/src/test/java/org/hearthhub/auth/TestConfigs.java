package org.hearthhub.auth;

import org.hearthhub.config.HubConfig;

import java.nio.file.Path;

/** Hub configurations for tests, built directly so they do not depend on the loader. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static HubConfig hub(Path dataDir, String publicUrl, HubConfig.Auth auth) {
        return new HubConfig(8080, "127.0.0.1", dataDir, publicUrl, "main",
                new HubConfig.Live(null, false),
                new HubConfig.Settings(null),
                new HubConfig.Retention(12, 30, 365, 60),
                new HubConfig.Queue(200, 60, 2, 5),
                auth,
                new HubConfig.Limits(16384, 30, 120),
                new HubConfig.Twilio(null, null, null, null, null, null),
                new HubConfig.Jitsi(null, null, null, null, null, null, 120));
    }

    /** Cheap Argon2id so the suite stays fast on a 2-core machine; production uses the OWASP minimum. */
    public static PasswordHasher cheapHasher(io.vertx.core.Vertx vertx) {
        return new PasswordHasher(vertx, 1024, 1, 1);
    }
}
