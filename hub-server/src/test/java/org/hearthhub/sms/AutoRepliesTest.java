package org.hearthhub.sms;

import org.hearthhub.config.HubConfig;
import org.hearthhub.live.LiveStore;
import org.hearthhub.testing.BothLiveStores;
import org.hearthhub.testing.LogCapture;
import org.hearthhub.testing.RedisServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The caps on the hub's own replies to texts, in both live stores: per number an hour and a day, and hub-wide an hour;
 * what one number spends does not take another's, and each cap's first refusal is logged once, naming no number.
 */
class AutoRepliesTest {
    @RegisterExtension
    static final RedisServer redis = RedisServer.perTestClass();
    @RegisterExtension
    static final BothLiveStores stores = new BothLiveStores(redis);

    /** Refusals as the metrics count them, by cap. */
    final Map<AutoReplyMeter.Cap, Integer> refused = new EnumMap<>(AutoReplyMeter.Cap.class);
    final AutoReplyMeter meter = cap -> refused.merge(cap, 1, Integer::sum);

    private static List<Boolean> ask(AutoReplies replies, String key, int times) throws Exception {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < times; i++) out.add(replies.allow(key).await(10, TimeUnit.SECONDS));
        return out;
    }

    private static List<Boolean> allowed(int yes, int no) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < yes + no; i++) out.add(i < yes);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void oneNumberGetsItsHourlyCapAndNoMoreWhileOthersStillGetTheirs(String kind) throws Exception {
        LiveStore live = stores.open(kind);
        AutoReplies replies = new AutoReplies(live, live, new HubConfig.AutoReplyCaps(3, 100, 100), meter);
        try (LogCapture log = LogCapture.install()) {
            assertEquals(allowed(3, 7), ask(replies, "key-a", 10));
            assertEquals(allowed(3, 0), ask(replies, "key-b", 3), "another number's replies are its own");
            assertEquals(Map.of(AutoReplyMeter.Cap.NUMBER_HOUR, 7), refused, "each refusal counted, by the cap that refused it");
            assertEquals(1, log.lines().stream().filter(l -> l.contains("a number reached its cap")).count(), log.all());
            assertEquals(false, log.all().contains("key-a"), "the log names no number, not even its keyed hash");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void oneNumberGetsItsDailyCapEvenWithinTheHourlyOne(String kind) throws Exception {
        LiveStore live = stores.open(kind);
        AutoReplies replies = new AutoReplies(live, live, new HubConfig.AutoReplyCaps(100, 4, 100), meter);
        assertEquals(allowed(4, 3), ask(replies, "key-a", 7));
        assertEquals(Map.of(AutoReplyMeter.Cap.NUMBER_DAY, 3), refused);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void manyNumbersTogetherGetTheHubsCapAndNoMore(String kind) throws Exception {
        LiveStore live = stores.open(kind);
        AutoReplies replies = new AutoReplies(live, live, new HubConfig.AutoReplyCaps(10, 10, 5), meter);
        List<Boolean> got = new ArrayList<>();
        try (LogCapture log = LogCapture.install()) {
            for (int n = 0; n < 8; n++) got.addAll(ask(replies, "key-" + n, 1));
            assertEquals(allowed(5, 3), got, "each number texting once, as many numbers would");
            assertEquals(Map.of(AutoReplyMeter.Cap.HUB_HOUR, 3), refused);
            assertEquals(1, log.lines().stream().filter(l -> l.contains("the hub reached its cap")).count(), log.all());
        }
    }
}
