package org.hearthhub.stats;

import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.ProgramId;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import static org.hearthhub.testing.TestHub.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A hub's statistics count each event on its program's own calendar day, in the time zone of the program's
 * current settings (the hours page's), so an evening's chats in California are not put on the next day's row.
 */
class ProgramLocalDaysTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().redisStores(this::redisStores);
    TestHub hub;

    /** Files here; {@link RedisProgramLocalDaysTest} runs every test with the counters on Redis. */
    RedisStores redisStores() {
        return null;
    }

    private HostedProgram main() {
        return hub.hub.programs().defaultProgram();
    }

    private static HostedProgram inZone(HostedProgram program, String zone) throws Exception {
        await(program.settings().update(s -> s.withHours(zone, s.weeklyHours(), s.holidays(), s.closedWhenUnstaffed())));
        return program;
    }

    /** A web chat answered a minute after it began, ended at {@code at}. */
    private static void chatEndedAt(HostedProgram program, Instant at) throws Exception {
        Instant began = at.minus(Duration.ofMinutes(10));
        Conversation c = new Conversation("c1", Channel.WEB, "en", ConversationState.ENDED, began,
                began.plus(Duration.ofMinutes(1)), at, null, null, null, null, null);
        await(program.stats().recordEnded(c, EndReason.SURVIVOR, at));
    }

    /** The program's web contacts per stored day, over a generous window around {@code around}. */
    private static Map<LocalDate, Long> contactsPerDay(HostedProgram program, LocalDate around) throws Exception {
        Map<LocalDate, Long> out = new TreeMap<>();
        await(program.store().dailyCounters(around.minusDays(5), around.plusDays(5)))
                .forEach((day, counters) -> out.put(day, counters.getOrDefault("contacts.web", 0L)));
        return out;
    }

    private static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void anEveningInCaliforniaIsCountedOnItsOwnDayNotTheNextUtcDay() throws Exception {
        HostedProgram la = inZone(main(), "America/Los_Angeles");
        chatEndedAt(la, Instant.parse("2026-03-10T06:30:00Z")); // 23:30 PDT on the 9th
        assertEquals(Map.of(day("2026-03-09"), 1L), contactsPerDay(la, day("2026-03-10")));
    }

    /** East of UTC the local day begins while the UTC one has hours to go: Europe's and Australia's side of midnight. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Europe/Berlin,    2026-03-09T22:50:00Z, 2026-03-09T23:30:00Z", // 23:50 CET on the 9th, 00:30 on the 10th
            "Australia/Sydney, 2026-03-09T12:50:00Z, 2026-03-09T20:00:00Z", // 23:50 AEDT on the 9th, 07:00 on the 10th
    })
    void justAfterLocalMidnightEastOfUtcIsCountedOnTheNewLocalDay(String zone, Instant before, Instant after) throws Exception {
        HostedProgram program = inZone(main(), zone);
        chatEndedAt(program, before);
        chatEndedAt(program, after); // still the 9th in UTC
        assertEquals(Map.of(day("2026-03-09"), 1L, day("2026-03-10"), 1L), contactsPerDay(program, day("2026-03-09")));
    }

    @Test
    void theDaysAroundAClockChangeAreCutAtLocalMidnightOnEitherSide() throws Exception {
        HostedProgram la = inZone(main(), "America/Los_Angeles");
        // the clocks went forward at 02:00 on Sunday 2026-03-08: midnight is 08:00Z before, 07:00Z after
        chatEndedAt(la, Instant.parse("2026-03-08T07:30:00Z")); // 23:30 PST on the 7th
        chatEndedAt(la, Instant.parse("2026-03-08T08:30:00Z")); // 00:30 PST on the 8th
        chatEndedAt(la, Instant.parse("2026-03-09T06:30:00Z")); // 23:30 PDT on the 8th
        chatEndedAt(la, Instant.parse("2026-03-09T07:30:00Z")); // 00:30 PDT on the 9th
        assertEquals(Map.of(day("2026-03-07"), 1L, day("2026-03-08"), 2L, day("2026-03-09"), 1L),
                contactsPerDay(la, day("2026-03-08")));
    }

    @Test
    void aStoredZoneThisJvmDoesNotKnowCountsInUtcAsTheHoursDo() throws Exception {
        HostedProgram program = inZone(main(), "America/Los_Angeles");
        chatEndedAt(program, Instant.parse("2026-03-10T06:30:00Z"));
        inZone(program, "Mars/Olympus"); // a hand-edited file, or a zone only a newer JDK knows
        chatEndedAt(program, Instant.parse("2026-03-10T06:45:00Z"));
        assertEquals(Map.of(day("2026-03-09"), 1L, day("2026-03-10"), 1L), contactsPerDay(program, day("2026-03-10")),
                "counted, on the UTC day, rather than failed");
    }

    @Test
    void twoProgramsOnOneHubCountTheSameMomentOnTheirOwnDays() throws Exception {
        HostedProgram la = inZone(main(), "America/Los_Angeles");
        HostedProgram sydney = inZone(await(hub.hub.programs().create(ProgramId.of("riverside"), "Riverside")), "Australia/Sydney");
        Instant moment = Instant.parse("2026-03-10T06:30:00Z"); // 23:30 on the 9th in LA, 17:30 on the 10th in Sydney
        chatEndedAt(la, moment);
        chatEndedAt(sydney, moment);
        assertEquals(Map.of(day("2026-03-09"), 1L), contactsPerDay(la, day("2026-03-10")));
        assertEquals(Map.of(day("2026-03-10"), 1L), contactsPerDay(sydney, day("2026-03-10")));
    }

    @Test
    void feedbackIsCountedOnTheLocalDayOfTheZoneSetWhenItArrives() throws Exception {
        HostedProgram program = inZone(main(), "America/Los_Angeles");
        // the hub's clock reads 2026-11-23T15:00Z; 2026-11-24T06:30Z is 22:30 PST on the 23rd
        hub.clock.advance(Duration.between(hub.clock.instant(), Instant.parse("2026-11-24T06:30:00Z")));
        await(program.stats().recordFeedback(5, true));
        inZone(program, "Europe/Berlin"); // from now on; what was counted stays where it was
        hub.clock.advance(Duration.ofMinutes(1)); // 07:31 CET on the 24th
        await(program.stats().recordFeedback(2, false));

        Map<LocalDate, Map<String, Long>> days = await(program.store().dailyCounters(day("2026-11-20"), day("2026-11-28")));
        assertEquals(Map.of("feedback.rating.5", 1L, "feedback.helped.yes", 1L), days.get(day("2026-11-23")));
        assertEquals(Map.of("feedback.rating.2", 1L, "feedback.helped.no", 1L), days.get(day("2026-11-24")));
        assertEquals(2, days.size(), days.toString());
    }
}
