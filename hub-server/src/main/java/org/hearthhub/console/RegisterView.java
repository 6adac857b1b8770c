package org.hearthhub.console;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.error.Refusal;
import org.hearthhub.sharing.SharingCsv;
import org.hearthhub.sharing.SharingEntry;
import org.hearthhub.sharing.SharingRegister;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sharing register as the lead sees it: a month at a time (UTC), as JSON, a page, or CSV for
 * auditors. An export is itself an audit entry ({@code sharing.export}, the month).
 */
final class RegisterView {
    static final String EXPORT = "sharing.export";
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

    private final SharingRegister register;
    private final AuditLog audit;
    private final Clock clock;

    RegisterView(SharingRegister register, AuditLog audit, Clock clock) {
        this.register = register;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code YYYY-MM}, or this month when absent; anything else is a 400. */
    YearMonth month(String param) {
        if (param == null || param.isBlank()) return YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (param.length() != 7 || !MONTH.matcher(param).matches()) throw Refusal.badRequest("error.month");
        try {
            return YearMonth.parse(param);
        } catch (DateTimeParseException e) {
            throw Refusal.badRequest("error.month");
        }
    }

    Future<List<SharingEntry>> entries(YearMonth month) {
        return register.month(month);
    }

    /** A month as a CSV file to download. */
    record Export(String fileName, String csv) {
    }

    Future<Export> csv(String actor, YearMonth month) {
        return register.month(month).compose(entries -> audit.record(Actor.staff(actor), EXPORT, month.toString(), null)
                .map(e -> new Export("sharing-register-" + month + ".csv", SharingCsv.of(entries))));
    }

    static JsonObject toJson(SharingEntry e) {
        return new JsonObject().put("at", e.at().toString()).put("kind", e.kind()).put("fromProgram", e.fromProgram())
                .put("toProgram", e.toProgram()).put("toPartner", e.toPartner()).put("categories", e.categories())
                .put("basis", e.basis()).put("reason", e.reason()).put("advocate", e.advocate());
    }
}
