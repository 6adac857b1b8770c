package org.hearthhub.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Role;
import org.hearthhub.testing.GeneratedAuditLog;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The statistics page draws the daily aggregates; the access log is verified every time it is shown. */
class StatisticsAndAccessLogTest extends LeadApiTestBase {
    /** Three days of counters, as DailyStatistics writes them (the hub's clock reads 2026-11-23). */
    static void seedStatistics(TestHub hub) throws Exception {
        LocalDate today = LocalDate.parse("2026-11-23");
        TestHub.await(hub.hub.settingsStore().addDailyCounters(today.minusDays(2), counters(
                "contacts.web", 6L, "contacts.sms", 2L, "lang.en", 6L, "lang.es", 2L, "abandoned", 1L,
                "wait.lt1m", 4L, "wait.1to5m", 3L, "duration.5to15m", 5L, "duration.15to30m", 2L,
                "end.survivor", 5L, "end.advocate", 2L, "end.quick_exit", 1L)));
        TestHub.await(hub.hub.settingsStore().addDailyCounters(today.minusDays(1), counters(
                "contacts.web", 9L, "contacts.sms", 4L, "lang.en", 10L, "lang.es", 3L, "abandoned", 2L,
                "wait.lt1m", 6L, "wait.5to15m", 5L, "duration.30to60m", 4L, "duration.1to5m", 7L,
                "end.survivor", 8L, "end.timeout", 3L, "end.safety_exit", 1L, "end.blocked", 1L,
                "feedback.rating.5", 4L, "feedback.rating.4", 2L, "feedback.rating.2", 1L,
                "feedback.helped.yes", 6L, "feedback.helped.no", 1L)));
        TestHub.await(hub.hub.settingsStore().addDailyCounters(today, counters(
                "contacts.web", 3L, "lang.en", 3L, "wait.lt1m", 3L, "duration.lt1m", 1L, "end.advocate", 3L,
                "feedback.rating.3", 1L, "feedback.helped.yes", 1L)));
    }

    private static Map<String, Long> counters(Object... nameAndCount) {
        Map<String, Long> out = new java.util.HashMap<>();
        for (int i = 0; i < nameAndCount.length; i += 2) out.put((String) nameAndCount[i], (Long) nameAndCount[i + 1]);
        return out;
    }

    @Test
    void statisticsApiSumsTheDays() throws Exception {
        seedStatistics(hub);
        JsonObject stats = client.get("/api/v1/lead/stats?from=2026-11-21&to=2026-11-23", lead).bodyAsJsonObject();
        assertEquals(18L, stats.getJsonObject("totals").getLong("contacts.web"));
        assertEquals(6L, stats.getJsonObject("totals").getLong("contacts.sms"));
        assertEquals(3, stats.getJsonObject("days").size());
        assertEquals(400, client.get("/api/v1/lead/stats?from=2026-11-23&to=2026-11-01", lead).statusCode());
        assertEquals(400, client.get("/api/v1/lead/stats?from=2024-01-01&to=2026-11-01", lead).statusCode(), "at most 366 days");
        assertEquals(400, client.get("/api/v1/lead/stats?from=yesterday", lead).statusCode());
    }

    @Test
    void statisticsPageDrawsEveryChartAsInlineSvg() throws Exception {
        seedStatistics(hub);
        String page = client.get("/console/lead/stats?from=2026-11-21&to=2026-11-23", lead).bodyAsString();
        for (String chart : List.of("contacts", "abandoned", "wait", "duration", "languages", "ratings", "ends")) {
            assertTrue(page.contains("id=\"chart-" + chart + "\""), chart);
        }
        assertTrue(page.contains("<rect class=\"bar bar-web\""));
        assertTrue(page.contains("<rect class=\"bar bar-sms\""));
        assertTrue(page.contains("<dd id=\"stat-contacts\">24</dd>"), "6+2 + 9+4 + 3 contacts");
        assertTrue(page.contains("<dd id=\"stat-abandoned\">12.5 %</dd>"), "3 of 24 left before an answer");
        assertTrue(page.contains("<dd id=\"stat-rating\">4.1</dd>"), "(5·4 + 4·2 + 2 + 3) / 8");
        assertTrue(page.contains("<dd id=\"stat-helped\">87.5 %</dd>"));
        assertTrue(page.contains("Contacts per day by channel"));
        assertTrue(page.contains("<th scope=\"row\">11-22</th><td>9</td><td>4</td>"), "the same numbers as a table");
        java.util.regex.Matcher tick = java.util.regex.Pattern.compile("text-anchor=\"end\">([^<]+)</text>").matcher(page);
        int ticks = 0;
        while (tick.find()) {
            ticks++;
            assertTrue(tick.group(1).matches("\\d+( %)?"), "value ticks are whole numbers (no 2.5 ratings): " + tick.group(1));
        }
        assertTrue(ticks >= 14, "every chart has at least two value ticks");
        assertTrue(page.contains(">Survivor</tspan>") && page.contains(">ended</tspan>"),
                "a long column label is broken in two lines rather than overlapping its neighbours");
        assertTrue(client.get("/console/lead/statistics?from=2026-11-21&to=2026-11-23", lead).bodyAsString().contains("id=\"chart-ratings\""),
                "the page also answers at the word people type");

        String odd = client.get("/console/lead/stats?from=2026-11-23&to=2020-01-01", lead).bodyAsString();
        assertTrue(odd.contains("That date range is not valid"), "a bad range is explained, and the default shown");
        String empty = client.get("/console/lead/stats?from=2025-01-01&to=2025-01-31", lead).bodyAsString();
        assertTrue(empty.contains("No data in this range."));
    }

    @Test
    void theDefaultRangeEndsOnTheProgramsLocalTodayAndThePageSaysWhichZoneTheDaysAreIn() throws Exception {
        TestHub.await(hub.hub.settings().update(s -> s.withHours("America/Los_Angeles", s.weeklyHours(), s.holidays(),
                s.closedWhenUnstaffed())));
        hub.clock.advance(Duration.ofHours(14)); // 2026-11-24T05:00Z: 21:00 on the 23rd in Los Angeles
        ConsoleClient.Staff lou = client.account("lou", Role.LEAD); // signed in after the clock moved on

        JsonObject api = client.get("/api/v1/lead/stats", lou).bodyAsJsonObject();
        assertEquals("2026-11-23", api.getString("to"), "today is the program's day, not the UTC one: " + api);
        assertEquals("2026-10-25", api.getString("from"), "the last 30 of the program's days");
        assertEquals("America/Los_Angeles", api.getString("timeZone"));

        String page = client.get("/console/lead/stats", lou).bodyAsString();
        assertTrue(page.contains("name=\"to\" value=\"2026-11-23\""), "the form's default range is the same");
        assertTrue(page.contains("Days are counted in the program’s time zone, America/Los_Angeles"), "and says so");
        assertFalse(page.contains("Days are UTC"));
        String bad = client.get("/console/lead/stats?from=2026-11-23&to=2020-01-01", lou).bodyAsString();
        assertTrue(bad.contains("name=\"to\" value=\"2026-11-23\""), "a bad range falls back to the same default");

        assertEquals(200, client.put("/api/v1/console/me", lou, new JsonObject().put("uiLanguage", "es")).statusCode());
        assertTrue(client.get("/console/lead/stats", lou).bodyAsString()
                .contains("Los días se cuentan en la zona horaria del programa, America/Los_Angeles"));
    }

    @Test
    void datesAtTheEdgeOfTheCalendarAreABadRangeNotAServerError() throws Exception {
        for (String q : new String[]{"from=%2B999999999-12-01&to=%2B999999999-12-31", "from=-999999999-01-01&to=-999999999-01-02",
                "from=%2B10000-01-01&to=%2B10000-01-05"}) {
            var api = client.get("/api/v1/lead/stats?" + q, lead);
            assertEquals(400, api.statusCode(), q + ": " + api.bodyAsString());
            assertEquals("Dates must be written as YYYY-MM-DD.", api.bodyAsJsonObject().getString("message"), q);
            var page = client.get("/console/lead/stats?" + q, lead);
            assertEquals(200, page.statusCode(), q);
            assertTrue(page.bodyAsString().contains("That date range is not valid"), q + ": explained, and the default shown");
        }
    }

    @Test
    void accessLogIsFilteredAndItsChainVerified() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        assertEquals(200, client.put("/api/v1/lead/widget", lead, client.get("/api/v1/lead/widget", lead).bodyAsJsonObject()).statusCode());
        assertEquals(200, client.put("/api/v1/lead/referrals", lead, client.get("/api/v1/lead/referrals", lead).bodyAsJsonObject()).statusCode());
        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("capacity", 1)).statusCode());

        JsonObject all = client.get("/api/v1/lead/audit", lead).bodyAsJsonObject();
        assertTrue(all.getJsonObject("chain").getBoolean("intact"));
        JsonObject settings = client.get("/api/v1/lead/audit?action=settings.", lead).bodyAsJsonObject();
        assertEquals(2, settings.getInteger("matched"));
        JsonArray entries = settings.getJsonArray("entries");
        assertEquals("referrals", entries.getJsonObject(0).getString("target"), "newest first");
        assertEquals(1, client.get("/api/v1/lead/audit?actor=ana", lead).bodyAsJsonObject().getInteger("matched"), "her sign-in");
        assertEquals(4, client.get("/api/v1/lead/audit?actor=LENA", lead).bodyAsJsonObject().getInteger("matched"),
                "her sign-in and three changes");
        assertEquals(4, client.get("/api/v1/lead/audit?actor=lena&from=2026-11-23&to=2026-11-23", lead).bodyAsJsonObject()
                .getInteger("matched"));
        assertEquals(0, client.get("/api/v1/lead/audit?from=2026-11-24", lead).bodyAsJsonObject().getInteger("matched"));
        assertEquals(400, client.get("/api/v1/lead/audit?from=soon", lead).statusCode());

        String page = client.get("/console/lead/audit?action=account.", lead).bodyAsString();
        assertTrue(page.contains("data-intact=\"true\""));
        assertTrue(page.contains("Hash chain verified"));
        assertFalse(page.contains("id=\"audit-warning\""), "far below its size cap, no warning");
        assertTrue(page.contains("of the 64 MB limit"), "the size is shown");
        assertTrue(page.contains("<code>account.update</code>"));
        assertFalse(page.contains("<code>settings.update</code>"), "filtered out");
        assertEquals(403, client.get("/console/lead/audit", ana).statusCode());
    }

    @Test
    void aTamperedAccessLogIsShownAsBroken() throws Exception {
        assertEquals(200, client.put("/api/v1/lead/widget", lead, client.get("/api/v1/lead/widget", lead).bodyAsJsonObject()).statusCode());
        assertEquals(200, client.put("/api/v1/lead/canned", lead, client.get("/api/v1/lead/canned", lead).bodyAsJsonObject()).statusCode());
        Path file;
        try (Stream<Path> files = Files.walk(hub.dataDir)) {
            file = files.filter(p -> p.getFileName().toString().startsWith("audit-")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int widgetLine = -1;
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains("\"widget\"")) widgetLine = i;
        long seq = new JsonObject(lines.get(widgetLine)).getLong("seq");
        lines.set(widgetLine, lines.get(widgetLine).replace("\"lena\"", "\"someone-else\""));
        Files.write(file, lines, StandardCharsets.UTF_8);

        JsonObject chain = client.get("/api/v1/lead/audit", lead).bodyAsJsonObject().getJsonObject("chain");
        assertFalse(chain.getBoolean("intact"));
        assertEquals(seq, chain.getLong("firstBrokenSeq"));
        String page = client.get("/console/lead/audit", lead).bodyAsString();
        assertTrue(page.contains("data-intact=\"false\""));
        assertTrue(page.contains("Hash chain BROKEN"));
    }

    @Test
    void accessLogIsPagedNewestFirstWithOlderAndNewerLinks() throws Exception {
        for (int i = 1; i <= 250; i++) {
            TestHub.await(hub.hub.settingsStore().appendAudit(GeneratedAuditLog.record(i, Instant.parse("2026-11-22T00:00:00Z"),
                    Duration.ofMinutes(1))));
        }
        long newest = client.get("/api/v1/lead/audit", lead).bodyAsJsonObject().getJsonObject("chain").getLong("entries");

        // Older pages, newest first, until the first entry; then newer pages back to the start.
        List<List<Long>> olderPages = new ArrayList<>();
        JsonObject page = client.get("/api/v1/lead/audit", lead).bodyAsJsonObject();
        assertNull(page.getJsonObject("page").getLong("newerAfter"), "nothing newer than the newest page");
        while (true) {
            olderPages.add(seqs(page));
            Long older = page.getJsonObject("page").getLong("olderBefore");
            if (older == null) break;
            page = client.get("/api/v1/lead/audit?before=" + older, lead).bodyAsJsonObject();
        }
        List<Long> all = olderPages.stream().flatMap(List::stream).toList();
        assertEquals(LongStream.iterate(newest, s -> s >= 1, s -> s - 1).boxed().toList(), all, "every entry once, newest first");
        assertEquals(AccessLogView.PAGE_SIZE, olderPages.get(0).size());
        assertEquals((newest + AccessLogView.PAGE_SIZE - 1) / AccessLogView.PAGE_SIZE, olderPages.size());

        List<List<Long>> newerPages = new ArrayList<>(List.of(seqs(page)));
        for (Long newer = page.getJsonObject("page").getLong("newerAfter"); newer != null;
             newer = page.getJsonObject("page").getLong("newerAfter")) {
            page = client.get("/api/v1/lead/audit?after=" + newer, lead).bodyAsJsonObject();
            newerPages.add(0, seqs(page));
        }
        assertEquals(seqs(client.get("/api/v1/lead/audit", lead).bodyAsJsonObject()), newerPages.get(0), "back at the newest page");

        JsonObject ana = client.get("/api/v1/lead/audit?actor=ana", lead).bodyAsJsonObject();
        assertEquals(25, ana.getInteger("matched"), "filters count over the whole log");
        assertTrue(ana.getJsonArray("entries").stream().allMatch(e -> "ana".equals(((JsonObject) e).getString("actor"))));
        assertNull(ana.getJsonObject("page").getLong("olderBefore"), "one page of matches: no link");
        assertEquals(400, client.get("/api/v1/lead/audit?before=soon", lead).statusCode());

        String html = client.get("/console/lead/audit?actor=lena", lead).bodyAsString();
        assertFalse(html.contains("id=\"audit-newer\""));
        Matcher older = Pattern.compile("id=\"audit-older\" rel=\"next\" href=\"([^\"]+)\"").matcher(html);
        assertTrue(older.find(), "a link to older entries");
        String next = client.get(older.group(1).replace("&amp;", "&"), lead).bodyAsString();
        assertTrue(next.contains("id=\"audit-newer\""), "and from there back to newer ones");
        assertTrue(next.contains("id=\"audit-newest\""));
        assertTrue(next.contains("value=\"lena\""), "the filter stays");
    }

    private static List<Long> seqs(JsonObject page) {
        return page.getJsonArray("entries").stream().map(e -> ((JsonObject) e).getLong("seq")).toList();
    }
}
