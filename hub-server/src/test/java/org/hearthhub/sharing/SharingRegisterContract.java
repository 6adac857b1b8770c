package org.hearthhub.sharing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.error.Refusal;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ProgramSettings.SafeguardingBasis;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.sharing.Sharing.Categories;
import org.hearthhub.sharing.Sharing.Kind;
import org.hearthhub.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a sharing register keeps and refuses, on each settings store ({@link FileSharingRegisterTest},
 * {@link RedisSharingRegisterTest}): entries to the minute by month, consent or a lead's basis with a reason,
 * and one store instance holds one program's register only.
 */
@ExtendWith(VertxExtension.class)
abstract class SharingRegisterContract {
    static final Instant NOW = Instant.parse("2026-12-31T23:58:41.123Z");
    final MutableClock clock = new MutableClock(NOW);
    SettingsStore riverside;
    SharingRegister register;

    /** A store of the program's own data, empty at the start of each test. */
    abstract SettingsStore open(Vertx vertx, String programId) throws Exception;

    static <T> T await(Future<T> f) throws Exception {
        return f.await(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void openRegister(Vertx vertx) throws Exception {
        riverside = open(vertx, "riverside");
        CurrentSettings settings = new CurrentSettings(riverside);
        await(settings.save(ProgramSettings.defaults().withSafeguardingBases(List.of(
                new SafeguardingBasis("Risk to a child", "Children Act s.47")))));
        register = new SharingRegister(riverside, name -> settings.get().hasSafeguardingBasis(name), "riverside", clock);
    }

    @AfterEach
    void close() throws Exception {
        await(riverside.close());
    }

    private static Sharing transfer(String basis, String reason) {
        return new Sharing(Kind.TRANSFER, "riverside", "hillside", null, Categories.TRANSCRIPT, basis, reason, "maria");
    }

    private Refusal refused(Sharing s) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> register.record(s).toCompletionStage().toCompletableFuture().get());
        return assertInstanceOf(Refusal.class, e.getCause());
    }

    @Test
    void entriesAreKeptToTheMinuteInTheirUtcMonthOldestFirst() throws Exception {
        await(register.record(Sharing.card("riverside", null, "Legal Aid North", "maria")));
        clock.advance(Duration.ofMinutes(2)); // into January
        await(register.record(transfer("Risk to a child", "Police request, ref 12")));

        List<SharingEntry> december = await(register.month(YearMonth.of(2026, 12)));
        assertEquals(List.of(new SharingEntry(Instant.parse("2026-12-31T23:58:00Z"), "referral", "riverside", null, "Legal Aid North",
                "none", "consent", null, "maria")), december);
        List<SharingEntry> january = await(register.month(YearMonth.of(2027, 1)));
        assertEquals(1, january.size());
        assertEquals(new SharingEntry(Instant.parse("2027-01-01T00:00:00Z"), "transfer", "riverside", "hillside", null, "transcript",
                "Risk to a child", "Police request, ref 12", "maria"), january.get(0));
        assertTrue(await(register.month(YearMonth.of(2026, 11))).isEmpty());
    }

    @Test
    void aSafeguardingBasisNeedsAReasonOfAtMost500Characters() throws Exception {
        assertEquals("error.sharing.reason_required", refused(transfer("Risk to a child", null)).messageKey());
        assertEquals("error.sharing.reason_required", refused(transfer("Risk to a child", "   ")).messageKey());
        assertEquals("error.sharing.reason_long", refused(transfer("Risk to a child", "x".repeat(501))).messageKey());
        await(register.record(transfer("Risk to a child", "x".repeat(500))));
        assertEquals(1, await(register.month(YearMonth.of(2026, 12))).size());
    }

    @Test
    void anUnknownBasisOrAConsentWithAReasonIsRefusedAndNothingIsWritten() throws Exception {
        assertEquals("error.sharing.basis", refused(transfer("Because I said so", "a reason")).messageKey());
        assertEquals("error.sharing.basis", refused(transfer("risk to a child", "names match exactly")).messageKey());
        assertEquals("error.sharing.basis", refused(transfer(null, "a reason")).messageKey());
        assertEquals("error.sharing.consent_reason", refused(transfer("consent", "free text that might say too much")).messageKey());
        assertTrue(await(register.month(YearMonth.of(2026, 12))).isEmpty());
    }

    @Test
    void aRegisterRecordsOnlySharingsItsProgramIsPartyTo() throws Exception {
        refused(new Sharing(Kind.TRANSFER, "hillside", "lakeside", null, Categories.NONE, "consent", null, "maria"));
        refused(new Sharing(Kind.REFERRAL, "riverside", null, null, Categories.NONE, "consent", null, "maria"));
        refused(new Sharing(Kind.REFERRAL, "Riverside!", null, "Partner", Categories.NONE, "consent", null, "maria"));
        refused(new Sharing(Kind.REFERRAL, "riverside", null, "x".repeat(201), Categories.NONE, "consent", null, "maria"));
        refused(new Sharing(Kind.REFERRAL, "riverside", null, "Partner", Categories.NONE, "consent", null, " "));
        refused(new Sharing(null, "riverside", null, "Partner", Categories.NONE, "consent", null, "maria"));
        // The receiving side's own register takes the same transfer.
        await(register.record(new Sharing(Kind.TRANSFER, "hillside", "riverside", null, Categories.NONE, "consent", null, "ana")));
        assertEquals(1, await(register.month(YearMonth.of(2026, 12))).size());
    }

    @Test
    void eachProgramsStoreHoldsOnlyItsOwnRegister(Vertx vertx) throws Exception {
        await(register.record(Sharing.card("riverside", null, "Legal Aid North", "maria")));
        SettingsStore hillside = open(vertx, "hillside");
        try {
            assertTrue(await(hillside.sharingEntries(YearMonth.of(2026, 12))).isEmpty());
        } finally {
            await(hillside.close());
        }
    }
}
