package org.hearthhub.hosting;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every hosting test again with live state and settings on Redis: each program under its own keys. */
class RedisProgramHostingTest extends ProgramHostingTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    /** Settings emptied as each test's first hub starts (not at a restart), so no test sees another's programs. */
    @Override
    RedisStores redisStores() {
        return redis;
    }

    /** The keys a single-program hub wrote (the fixture's JSON, as RedisSettingsStore stored it before programs existed). */
    @Test
    void aSingleProgramHubsKeysAreReadInPlace() throws Exception {
        Path fixture = Path.of("src/test/resources/fixtures/single-program/programs/main");
        String settingsJson = Files.readString(fixture.resolve("settings.json"));
        JsonArray accounts = new JsonArray(Files.readString(fixture.resolve("accounts.json")));
        redis.settings().inspect(r -> {
            r.set("hearth:{main}:settings", settingsJson);
            for (Object a : accounts) r.hset("hearth:{main}:accounts", ((JsonObject) a).getString("username"), ((JsonObject) a).encode());
        });
        hubs.start(); // a restart: the settings Redis keeps the keys written above
        assertEquals("Chat de prueba", status("?lang=es").getJsonObject("widget").getString("title"));
        hub.login("rosa");
        assertEquals(1, hub.hub.programs().all().size());
        redis.settings().inspect(r -> assertEquals(0L, r.exists("hearth:{main}:programs"), "nothing written to migrate"));
    }

    @Test
    void aProgramsLiveKeysAndSettingsAreUnderItsOwnPrefix() throws Exception {
        riverside("Riverside Chat");
        WsClient theirs = survivorOf("riverside");
        theirs.send("start", "lang", "en");
        String id = theirs.await("started").getString("conversation");
        redis.live().inspect(r -> {
            assertEquals(1L, r.exists("hearth:{riverside}:conv:" + id));
            assertEquals(0L, r.exists("hearth:{main}:conv:" + id));
            assertEquals(1L, r.llen("hearth:{riverside}:queue"));
        });
        redis.settings().inspect(r -> {
            assertEquals(1L, r.exists("hearth:{riverside}:settings"));
            assertEquals(1L, r.hlen("hearth:{main}:programs"));
        });
        JsonObject status = status("?program=riverside");
        assertTrue(status.getInteger("queueLength") == 1, status.encode());
    }
}
