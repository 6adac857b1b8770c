package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.audit.ChainCheck;
import org.hearthhub.settings.SettingsStore;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The access log as a lead reads it: the whole chain is verified every time it is shown, then
 * filtered by actor, action and UTC date range, newest first.
 */
public final class AccessLogView {
    static final int MAX_SHOWN = 500;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** What a lead filters by; blank fields match everything. Dates are UTC days, both inclusive. */
    record Filter(String actor, String action, LocalDate from, LocalDate to) {
        static Filter parse(String actor, String action, String from, String to) {
            return new Filter(blankToNull(actor), blankToNull(action), date(from), date(to));
        }

        boolean matches(AuditEntry e) {
            LocalDate day = LocalDate.ofInstant(e.record().at(), ZoneOffset.UTC);
            return (actor == null || actor.equalsIgnoreCase(e.record().actor()))
                    && (action == null || e.record().action().toLowerCase(Locale.ROOT).startsWith(action.toLowerCase(Locale.ROOT)))
                    && (from == null || !day.isBefore(from))
                    && (to == null || !day.isAfter(to));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }

        private static LocalDate date(String s) {
            if (s == null || s.isBlank()) return null;
            try {
                return LocalDate.parse(s.strip());
            } catch (DateTimeParseException e) {
                throw ConsoleException.badRequest("error.date", s);
            }
        }
    }

    /** One row of the table. */
    public record Row(long seq, String at, String actor, String action, String target, String detail) {
    }

    /** The verified, filtered log. */
    public record Result(boolean intact, long firstBrokenSeq, int total, int matched, List<Row> rows) {
        JsonObject toJson() {
            JsonArray list = new JsonArray();
            rows.forEach(r -> list.add(new JsonObject().put("seq", r.seq()).put("at", r.at()).put("actor", r.actor())
                    .put("action", r.action()).put("target", r.target()).put("detail", r.detail())));
            return new JsonObject().put("chain", new JsonObject().put("intact", intact)
                            .put("firstBrokenSeq", intact ? null : firstBrokenSeq).put("entries", total))
                    .put("matched", matched).put("entries", list);
        }
    }

    private final SettingsStore store;

    AccessLogView(SettingsStore store) {
        this.store = store;
    }

    Future<Result> show(Filter filter) {
        return store.auditEntries(0, Integer.MAX_VALUE).map(all -> {
            ChainCheck check = AuditLog.verify(all);
            List<Row> rows = new ArrayList<>();
            int matched = 0;
            for (int i = all.size() - 1; i >= 0; i--) {
                AuditEntry e = all.get(i);
                if (!filter.matches(e)) continue;
                matched++;
                if (rows.size() < MAX_SHOWN) {
                    rows.add(new Row(e.seq(), WHEN.format(e.record().at()), e.record().actor(), e.record().action(),
                            e.record().target(), e.record().detail()));
                }
            }
            return new Result(check.intact(), check.firstBrokenSeq(), all.size(), matched, rows);
        });
    }
}
