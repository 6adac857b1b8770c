package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.audit.AuditUsage;
import org.hearthhub.audit.ChainVerifier;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.SettingsStore;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The access log as a lead reads it: one page of entries, newest first, filtered by actor, action and UTC
 * date range, with links to the next older and newer pages. Each showing streams the whole log once,
 * oldest first, off the event loop ({@link SettingsStore#scanAudit}): that one pass verifies the chain,
 * counts the matches and keeps only the page's entries, so memory is bounded by a page however long the log.
 */
public final class AccessLogView {
    static final int PAGE_SIZE = 100;
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
                throw Refusal.badRequest("error.date", s);
            }
        }
    }

    /**
     * Which page: the newest (both null), the one just older than entry {@code before}, or the one just
     * newer than entry {@code after}.
     */
    record Cursor(Long before, Long after) {
        static final Cursor NEWEST = new Cursor(null, null);

        static Cursor parse(String before, String after) {
            return new Cursor(seq(before), before == null || before.isBlank() ? seq(after) : null);
        }

        private static Long seq(String s) {
            if (s == null || s.isBlank()) return null;
            try {
                long n = Long.parseLong(s.strip());
                if (n >= 0) return n;
            } catch (NumberFormatException ignored) {
                // answered below
            }
            throw Refusal.badRequest("error.bad_request", "before and after are entry numbers");
        }
    }

    /** One row of the table. */
    public record Row(long seq, String at, String actor, String action, String target, String detail) {
    }

    /**
     * The verified, filtered page. {@code newer}/{@code older}: the cursor values of the neighbouring pages
     * (the highest and lowest entry shown), null when there is none in that direction.
     */
    public record Result(boolean intact, long firstBrokenSeq, long total, long matched, List<Row> rows, Long newer, Long older,
                         AuditUsage usage) {
        JsonObject toJson() {
            JsonArray list = new JsonArray();
            rows.forEach(r -> list.add(new JsonObject().put("seq", r.seq()).put("at", r.at()).put("actor", r.actor())
                    .put("action", r.action()).put("target", r.target()).put("detail", r.detail())));
            return new JsonObject().put("chain", new JsonObject().put("intact", intact)
                            .put("firstBrokenSeq", intact ? null : firstBrokenSeq).put("entries", total))
                    .put("matched", matched).put("entries", list)
                    .put("page", new JsonObject().put("newerAfter", newer).put("olderBefore", older).put("size", PAGE_SIZE))
                    .put("size", new JsonObject().put("bytes", usage.bytes()).put("capBytes", usage.cap().maxBytes())
                            .put("percent", usage.percent()).put("nearlyFull", usage.nearlyFull()));
        }
    }

    /** One pass over the log: the chain check, the match count, and a sliding window of the page's entries. */
    private static final class PageScan implements Consumer<AuditEntry> {
        private final Filter filter;
        private final Cursor cursor;
        private final ChainVerifier chain = new ChainVerifier();
        private final Deque<AuditEntry> window = new ArrayDeque<>();
        private long matched;
        private boolean newerExist;
        private boolean olderExist;

        PageScan(Filter filter, Cursor cursor) {
            this.filter = filter;
            this.cursor = cursor;
        }

        @Override
        public void accept(AuditEntry e) {
            chain.accept(e);
            if (e.record() == null || !filter.matches(e)) return;
            matched++;
            if (cursor.after() != null) {
                // The oldest PAGE_SIZE matches after the cursor.
                if (e.seq() <= cursor.after()) {
                    olderExist = true;
                } else if (window.size() < PAGE_SIZE) {
                    window.addLast(e);
                } else {
                    newerExist = true;
                }
            } else if (cursor.before() != null && e.seq() >= cursor.before()) {
                newerExist = true;
            } else {
                // The newest PAGE_SIZE matches before the cursor.
                window.addLast(e);
                if (window.size() > PAGE_SIZE) {
                    window.removeFirst();
                    olderExist = true;
                }
            }
        }

        Result result(AuditUsage usage) {
            List<Row> rows = new ArrayList<>(window.size());
            window.descendingIterator().forEachRemaining(e -> rows.add(new Row(e.seq(), WHEN.format(e.record().at()),
                    e.record().actor(), e.record().action(), e.record().target(), e.record().detail())));
            Long newer = newerExist && !rows.isEmpty() ? rows.get(0).seq() : null;
            Long older = olderExist && !rows.isEmpty() ? rows.get(rows.size() - 1).seq() : null;
            return new Result(chain.result().intact(), chain.result().firstBrokenSeq(), chain.entries(), matched, rows, newer, older,
                    usage);
        }
    }

    private final SettingsStore store;
    private final AuditLog audit;

    AccessLogView(SettingsStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    Future<Result> show(Filter filter, Cursor cursor) {
        Future<PageScan> scan = store.scanAudit(() -> new PageScan(filter, cursor));
        Future<AuditUsage> usage = audit.usage();
        return Future.all(scan, usage).map(all -> scan.result().result(usage.result()));
    }
}
