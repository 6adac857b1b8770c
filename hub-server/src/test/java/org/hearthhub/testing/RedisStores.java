package org.hearthhub.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;

/**
 * A live-store Redis and a settings Redis for one test class, so the "every test again on Redis" subclasses
 * share one set-up: {@code @RegisterExtension static final RedisStores redis = RedisStores.perTestClass();}
 * and hand it to {@link TestHubExtension#redisStores}.
 */
public final class RedisStores implements BeforeAllCallback, AfterAllCallback {
    private final RedisServer live = RedisServer.perTestClass();
    private final RedisServer settings = RedisServer.perTestClass();

    private RedisStores() {
    }

    public static RedisStores perTestClass() {
        return new RedisStores();
    }

    /** The memory-only Redis the hub keeps its live state in. */
    public RedisServer live() {
        return live;
    }

    /** The Redis the hub keeps its programs' settings in. */
    public RedisServer settings() {
        return settings;
    }

    /** A hub's options for keeping its settings here. */
    public Map<String, String> settingsEnv() {
        return Map.of("HEARTH_SETTINGS_REDIS_URL", settings.url());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        live.beforeAll(context);
        settings.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            live.afterAll(context);
        } finally {
            settings.afterAll(context);
        }
    }
}
