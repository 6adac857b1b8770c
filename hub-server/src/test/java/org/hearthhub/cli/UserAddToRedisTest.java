package org.hearthhub.cli;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.TestConfigs;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.model.Role;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code user add} with a settings Redis configured: the account goes to that Redis, and the command
 * says so by host and port, never by the URL with its password.
 */
@ExtendWith(VertxExtension.class)
class UserAddToRedisTest {
    static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T15:00:00Z"), java.time.ZoneOffset.UTC);

    private static final String USER_PASSWORD = "a long enough password";
    private static final String REDIS_PASSWORD = "redis-acl-s3cret";

    @TempDir
    Path dir;
    RedisServer redis;
    RedisSettingsStore store;
    HubConfig config;
    PasswordHasher hasher;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        redis = RedisServer.start(dir.resolve("redis"), "--appendonly", "yes",
                "--user", "hearth", "on", ">" + REDIS_PASSWORD, "~hearth:*", "&hearth:*", "+@all");
        String url = "redis://hearth:" + REDIS_PASSWORD + "@127.0.0.1:" + redis.port() + "/0";
        store = RedisSettingsStore.connect(vertx, url, "main", Clock.systemUTC()).await(10, TimeUnit.SECONDS);
        hasher = TestConfigs.cheapHasher(vertx);
        config = TestConfigs.hub(dir.resolve("data"), "http://localhost:8080", new HubConfig.Auth(30, 5, 15, false));
    }

    @AfterEach
    void stop() throws Exception {
        store.close().await(10, TimeUnit.SECONDS);
        redis.close();
    }

    private int run(String... args) {
        return UserAddCommand.run(args, new ByteArrayInputStream((USER_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                config, store, hasher, CLOCK);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void namesTheSettingsRedisByHostAndPortAndWritesThere() {
        assertEquals(0, run("user", "add", "--username", "maria", "--role", "lead", "--password-stdin"), printed());

        assertEquals("Created lead account 'maria' in the settings Redis at 127.0.0.1:" + redis.port() + ".",
                out.toString(StandardCharsets.UTF_8).strip());
        assertFalse(printed().contains(REDIS_PASSWORD), "the Redis password is never printed");
        assertFalse(printed().contains(dir.resolve("data").toString()), "the data directory holds no accounts here");
        redis.inspect(r -> assertTrue(r.hexists("hearth:{main}:accounts", "maria")));
        Account maria = store.account("maria").await().orElseThrow();
        assertEquals(Role.LEAD, maria.role());
    }

    @Test
    void aSettingsRedisThatWentAwayIsNamedInTheErrorWithoutItsPassword() throws Exception {
        redis.stop();

        assertEquals(UserAddCommand.REFUSED, run("--username", "maria", "--role", "advocate", "--password-stdin"));

        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("error: could not use the settings Redis at 127.0.0.1:" + redis.port() + ": "), error);
        assertFalse(error.contains(REDIS_PASSWORD), error);
        assertFalse(error.contains("redis://"), error);
        assertTrue(out.toString(StandardCharsets.UTF_8).isEmpty(), "nothing claims an account was created");
    }
}
