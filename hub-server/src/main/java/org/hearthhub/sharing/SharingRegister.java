package org.hearthhub.sharing;

import io.vertx.core.Future;
import org.hearthhub.error.Refusal;
import org.hearthhub.model.ProgramId;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Predicate;

/**
 * One program's sharing register: every referral and transfer between this program and another (on the
 * hub or outside it) is recorded here, with what travelled and on what basis. The basis is the survivor's
 * consent or one of the lead's safeguarding bases, and then a reason is mandatory. Only what
 * {@link SharingEntry} holds is kept: this API takes no conversation, content or survivor detail at all.
 */
public final class SharingRegister {
    public static final String CONSENT = "consent";
    public static final int MAX_REASON = 500;
    public static final int MAX_PARTNER_NAME = 200;
    public static final int MAX_ADVOCATE = 64;

    private final SharingStore store;
    private final Predicate<String> safeguardingBasis;
    private final String programId;
    private final Clock clock;

    /**
     * @param safeguardingBasis whether a name is one of the lead's safeguarding bases now (read from the
     *                          program settings on every record, so a basis the lead removed is refused)
     * @param programId         the program this register belongs to: one side of every entry it records
     */
    public SharingRegister(SharingStore store, Predicate<String> safeguardingBasis, String programId, Clock clock) {
        this.store = store;
        this.safeguardingBasis = safeguardingBasis;
        this.programId = programId;
        this.clock = clock;
    }

    public String programId() {
        return programId;
    }

    /**
     * Records a sharing, or refuses it (400) when the basis is not consent or one of the lead's bases, a
     * safeguarding basis comes without a reason (or consent with one), or a party is missing or malformed.
     */
    public Future<SharingEntry> record(Sharing s) {
        SharingEntry entry;
        try {
            entry = entryFor(s, clock.instant().truncatedTo(ChronoUnit.MINUTES));
        } catch (Refusal e) {
            return Future.failedFuture(e);
        }
        return store.appendSharing(entry).map(entry);
    }

    private SharingEntry entryFor(Sharing s, Instant at) {
        if (s == null || s.kind() == null || s.categories() == null) throw refused("kind and categories are required");
        if (!ProgramId.isValid(s.fromProgram())) throw refused("\"fromProgram\" must be a program id");
        if (s.toProgram() != null && !ProgramId.isValid(s.toProgram())) throw refused("\"toProgram\" must be a program id");
        if (!programId.equals(s.fromProgram()) && !programId.equals(s.toProgram())) {
            throw refused("this register records only sharings from or to program " + programId);
        }
        String partner = clean(s.toPartner());
        if (s.toProgram() == null && partner == null) throw refused("a receiving program or partner is required");
        if (partner != null && partner.length() > MAX_PARTNER_NAME) {
            throw refused("\"toPartner\" is longer than " + MAX_PARTNER_NAME + " characters");
        }
        String advocate = clean(s.advocate());
        if (advocate == null || advocate.length() > MAX_ADVOCATE) throw refused("\"advocate\" is required");
        String reason = clean(s.reason());
        String basis = s.basis();
        if (CONSENT.equals(basis)) {
            if (reason != null) throw Refusal.badRequest("error.sharing.consent_reason");
        } else {
            if (basis == null || !safeguardingBasis.test(basis)) throw Refusal.badRequest("error.sharing.basis");
            if (reason == null) throw Refusal.badRequest("error.sharing.reason_required");
            if (reason.length() > MAX_REASON) throw Refusal.badRequest("error.sharing.reason_long", "at most " + MAX_REASON + " characters");
        }
        return new SharingEntry(at, s.kind().wire(), s.fromProgram(), s.toProgram(), partner, s.categories().wire(), basis, reason,
                advocate);
    }

    private static Refusal refused(String detail) {
        return Refusal.badRequest("error.sharing", detail);
    }

    /** The entries of a month (UTC), oldest first. */
    public Future<List<SharingEntry>> month(YearMonth month) {
        return store.sharingEntries(month);
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
