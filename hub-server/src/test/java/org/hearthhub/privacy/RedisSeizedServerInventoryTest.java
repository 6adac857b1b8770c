package org.hearthhub.privacy;

import org.hearthhub.testing.RedisServer;
import org.hearthhub.testing.RedisStores;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same day with live state and settings on Redis: every key of both searched, each live key one the docs list,
 * with a TTL no longer than they give it, and each settings key one they name. Redis keeps its own time, which the
 * test's clock does not move: here a key outliving its documented time shows as a TTL longer than documented.
 */
class RedisSeizedServerInventoryTest extends SeizedServerInventoryTest {
    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();

    /** The settings Redis's keys as docs/operations.md names them, after {@code hearth:{programId}:}. */
    static final List<Pattern> DOCUMENTED_SETTINGS_KEYS = List.of(
            Pattern.compile("accounts|settings|settingsVersion|programs|coalitionPartners|audit|auditBytes|keys"),
            Pattern.compile("sharing:\\d{4}-\\d{2}"),
            Pattern.compile("stats:\\d{4}-\\d{2}-\\d{2}"));

    @Override
    RedisStores redisStores() {
        return redis;
    }

    @Override
    void sweepLive() {
    }

    @Override
    boolean liveHolds(String text) {
        return redis.live().holdsTextInKeysOrValues(text);
    }

    @Override
    boolean settingsHold(String text) {
        return redis.settings().holdsTextInKeysOrValues(text);
    }


    @Override
    void liveKeysAsDocumented(String when) {
        List<String> wrong = new ArrayList<>();
        redis.live().inspect(r -> {
            for (String key : RedisServer.keys(r)) {
                LiveKeys.Documented line = LiveKeys.line(key);
                long ttl = r.pttl(key);
                if (line == null) wrong.add(key + " (" + r.type(key) + ", TTL " + ttl + " ms): not listed");
                else if (ttl < 0 || Duration.ofMillis(ttl).compareTo(line.longest()) > 0) {
                    wrong.add(key + " (" + r.type(key) + "): TTL " + ttl + " ms, documented " + line.longest());
                }
            }
        });
        redis.settings().inspect(r -> {
            for (String key : RedisServer.keys(r)) {
                String k = LiveKeys.unprefixed(key);
                if (DOCUMENTED_SETTINGS_KEYS.stream().noneMatch(p -> p.matcher(k).matches())) {
                    wrong.add("settings " + key + " (" + r.type(key) + ", TTL " + r.pttl(key) + " ms): not listed");
                }
            }
        });
        assertEquals(List.of(), wrong, when + ": keys as docs/operations.md lists them");
    }

    @Override
    boolean valuesHold(String text) {
        return redis.live().holdsText(text);
    }

    /** Redis's own time does not move with the test's clock: the TTL stands for it. */
    @Override
    boolean goneMarkLivesAtMost(String key, Duration longest) {
        long[] ttl = new long[1];
        redis.live().inspect(r -> ttl[0] = r.pttl(key));
        return ttl[0] > 0 && ttl[0] <= longest.toMillis();
    }

    @Override
    List<String> liveKeysNaming(String text) {
        List<String> out = new ArrayList<>();
        redis.live().inspect(r -> {
            for (String key : RedisServer.keys(r)) if (key.contains(text)) out.add(key);
        });
        return out;
    }

    @Override
    List<String> sidKeys() {
        List<String> out = new ArrayList<>();
        redis.live().inspect(r -> {
            for (String key : RedisServer.keys(r)) if (LiveKeys.unprefixed(key).startsWith("value:sms:sid:")) out.add(key);
        });
        return out;
    }

    /** Redis expires keys in its own time; their TTLs, checked at each step, stand for it. */
    @Override
    void assertOnlyKeysThatOutliveTheDay() {
    }
}
