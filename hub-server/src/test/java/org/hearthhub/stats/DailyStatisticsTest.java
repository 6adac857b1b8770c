package org.hearthhub.stats;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.EndReason;
import org.hearthhub.settings.FileSettingsStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@ExtendWith(VertxExtension.class)
class DailyStatisticsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T23:50:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    @TempDir
    Path dataDir;

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    private DailyStatistics stats(Vertx vertx) {
        return new DailyStatistics(new FileSettingsStore(vertx, dataDir, "main"), Clock.fixed(T0, ZoneOffset.UTC), () -> ZoneOffset.UTC);
    }

    private static Conversation conversation(Channel channel, String lang, Instant assignedAt) {
        return new Conversation("c1", channel, lang, ConversationState.ENDED, T0, assignedAt, T0, null, null, null, null, null);
    }

    @Test
    void answeredConversationCountsChannelLanguageReasonWaitAndDuration(Vertx vertx) throws Exception {
        DailyStatistics stats = stats(vertx);
        Instant assigned = T0.plus(Duration.ofMinutes(3));
        await(stats.recordEnded(conversation(Channel.WEB, "es", assigned), EndReason.QUICK_EXIT, assigned.plus(Duration.ofMinutes(20))));

        // ended after midnight UTC: counted on the day it ended
        StatsSummary s = await(stats.summary(DAY, DAY.plusDays(1)));
        assertEquals(Map.of("contacts.web", 1L, "lang.es", 1L, "end.quick_exit", 1L, "wait.1to5m", 1L, "duration.15to30m", 1L),
                s.days().get(DAY.plusDays(1)));
        assertFalse(s.days().containsKey(DAY));
    }

    @Test
    void conversationNeverAssignedCountsAsAbandonedWithoutWaitOrDuration(Vertx vertx) throws Exception {
        DailyStatistics stats = stats(vertx);
        await(stats.recordEnded(conversation(Channel.SMS, "en", null), EndReason.TIMEOUT, T0.plusSeconds(60)));

        assertEquals(Map.of("contacts.sms", 1L, "lang.en", 1L, "end.timeout", 1L, "abandoned", 1L),
                await(stats.summary(DAY, DAY)).days().get(DAY));
    }

    @Test
    void unexpectedLanguageTagIsCountedAsOther(Vertx vertx) throws Exception {
        DailyStatistics stats = stats(vertx);
        await(stats.recordEnded(conversation(Channel.WEB, "<script>", null), EndReason.SURVIVOR, T0));
        assertEquals(1L, await(stats.summary(DAY, DAY)).totals().get("lang.other"));
    }

    @Test
    void feedbackCountsRatingAndHelped(Vertx vertx) throws Exception {
        DailyStatistics stats = stats(vertx);
        await(stats.recordFeedback(4, true));
        await(stats.recordFeedback(4, false));
        await(stats.recordFeedback(1, false));

        Map<String, Long> totals = await(stats.summary(DAY, DAY)).totals();
        assertEquals(2L, totals.get("feedback.rating.4"));
        assertEquals(1L, totals.get("feedback.rating.1"));
        assertEquals(1L, totals.get("feedback.helped.yes"));
        assertEquals(2L, totals.get("feedback.helped.no"));
    }

    @Test
    void ratingOutsideOneToFiveIsRefused(Vertx vertx) {
        assertThrows(IllegalArgumentException.class, () -> await(stats(vertx).recordFeedback(6, true)));
        assertThrows(IllegalArgumentException.class, () -> await(stats(vertx).recordFeedback(0, true)));
    }

    @Test
    void summaryTotalsAddUpAcrossDays(Vertx vertx) throws Exception {
        DailyStatistics stats = stats(vertx);
        for (int day = 0; day < 3; day++) {
            Instant end = T0.plus(Duration.ofDays(day));
            await(stats.recordEnded(conversation(Channel.WEB, "en", null), EndReason.SURVIVOR, end));
            await(stats.recordEnded(conversation(Channel.SMS, "en", null), EndReason.SURVIVOR, end));
        }
        StatsSummary s = await(stats.summary(DAY, DAY.plusDays(2)));
        assertEquals(3, s.days().size());
        assertEquals(3L, s.totals().get("contacts.web"));
        assertEquals(6L, s.totals().get("end.survivor"));
        assertThrows(IllegalArgumentException.class, () -> await(stats.summary(DAY, DAY.minusDays(1))));
    }

    @Test
    void bucketsSplitAtTheirUpperBounds() {
        assertEquals(DurationBucket.LT1M, DurationBucket.of(Duration.ofSeconds(59)));
        assertEquals(DurationBucket.FROM_1_TO_5M, DurationBucket.of(Duration.ofMinutes(1)));
        assertEquals(DurationBucket.FROM_5_TO_15M, DurationBucket.of(Duration.ofMinutes(5)));
        assertEquals(DurationBucket.FROM_15_TO_30M, DurationBucket.of(Duration.ofMinutes(29)));
        assertEquals(DurationBucket.FROM_30_TO_60M, DurationBucket.of(Duration.ofMinutes(59)));
        assertEquals(DurationBucket.GT60M, DurationBucket.of(Duration.ofHours(5)));
        assertEquals(DurationBucket.LT1M, DurationBucket.of(Duration.ofSeconds(-5)), "clock skew");
    }
}
