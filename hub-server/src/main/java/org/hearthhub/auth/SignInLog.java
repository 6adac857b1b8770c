package org.hearthhub.auth;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sign-ins, sign-outs and failed sign-ins in the access log: the account and how it ended, never an
 * address. The log must not grow with an attacker's effort, so per account at most
 * {@link #LISTED_PER_ACCOUNT} failures an interval are listed one by one and the rest become one
 * {@code more=N} entry when the interval ends; failures for names that match no account are only
 * counted, one entry an interval, because such a "name" may be a password typed into the wrong box.
 */
public final class SignInLog {
    public static final Duration INTERVAL = Duration.ofMinutes(15);
    public static final int LISTED_PER_ACCOUNT = 10;
    public static final String SIGN_IN = "signin";
    public static final String SIGN_OUT = "signout";
    public static final String FAILED = "signin.failed";
    /** Failures from devices an account was never signed in on, from anywhere, locked such devices out of it. */
    public static final String UNKNOWN_DEVICES_LOCKED = "signin.unknown-devices-locked";
    private static final Logger LOG = Logger.getLogger(SignInLog.class.getName());

    /** Why a sign-in failed, as the access log shows it. */
    public enum Failure { PASSWORD, CODE, DISABLED }

    /** The access logs a person's sign-ins go to: those of the programs they work in. */
    private final Function<String, Future<List<AuditLog>>> logsOf;
    private final Clock clock;
    /** Only accounts that exist are keys here, so the map is as small as the staff list. */
    private final Map<String, Tally> byAccount = new HashMap<>();
    private Tally unknownNames;

    public SignInLog(AuditLog audit, Clock clock) {
        this(username -> Future.succeededFuture(List.of(audit)), clock);
    }

    /**
     * @param logsOf the access logs of the programs a username works in (never empty: for a name that is no
     *               account's, the hub's default program's), so no program's log names another's staff
     */
    public SignInLog(Function<String, Future<List<AuditLog>>> logsOf, Clock clock) {
        this.logsOf = logsOf;
        this.clock = clock;
    }

    private static final class Tally {
        final Instant start;
        int listed;
        int unlisted;

        Tally(Instant start) {
            this.start = start;
        }

        boolean endedBy(Instant now) {
            return !now.isBefore(start.plus(INTERVAL));
        }
    }

    /** A sign-in must leave its entry: a failed write fails the sign-in. */
    public Future<Void> signedIn(String username) {
        writeDue();
        return record(username, new Entry(Actor.staff(username), SIGN_IN, username, null));
    }

    public void signedOut(String username) {
        writeDue();
        write(new Entry(Actor.staff(username), SIGN_OUT, username, null));
    }

    /** A failed sign-in for an existing account; {@code locked} when it locked the source out. */
    public void failed(String username, Failure why, boolean locked) {
        Instant now = clock.instant();
        List<Entry> due;
        boolean listIt;
        synchronized (this) {
            due = due(now);
            Tally tally = byAccount.computeIfAbsent(username, u -> new Tally(now));
            listIt = tally.listed < LISTED_PER_ACCOUNT;
            if (listIt) tally.listed++;
            else tally.unlisted++;
        }
        due.forEach(this::write);
        String detail = "reason=" + why.name().toLowerCase(Locale.ROOT) + (locked ? ",locked" : "");
        if (listIt) write(new Entry(Actor.staff(username), FAILED, username, detail));
    }

    /**
     * Unknown devices were just locked out of an existing account (a name that is no account's is never named). One
     * entry a lock, whatever number of tries it then refuses, so the log grows with the locks, not the guesses.
     */
    public void unknownDevicesLocked(String username) {
        writeDue();
        write(new Entry(Actor.staff(username), UNKNOWN_DEVICES_LOCKED, username, null));
    }

    /** A failed sign-in for a name that matches no account: counted, never named. */
    public void failedForUnknownName() {
        Instant now = clock.instant();
        List<Entry> due;
        synchronized (this) {
            due = due(now);
            if (unknownNames == null) unknownNames = new Tally(now);
            unknownNames.unlisted++;
        }
        due.forEach(this::write);
    }

    /** Writes the counts of intervals that have ended; the hub calls it every minute, and every event does. */
    public void writeDue() {
        List<Entry> due;
        synchronized (this) {
            due = due(clock.instant());
        }
        due.forEach(this::write);
    }

    private record Entry(Actor actor, String action, String target, String detail) {
    }

    private List<Entry> due(Instant now) {
        List<Entry> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, Tally>> it = byAccount.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Tally> e = it.next();
            Tally t = e.getValue();
            if (!t.endedBy(now)) continue;
            it.remove();
            if (t.unlisted > 0) out.add(new Entry(Actor.staff(e.getKey()), FAILED, e.getKey(), "more=" + t.unlisted + ",since=" + t.start));
        }
        if (unknownNames != null && unknownNames.endedBy(now)) {
            out.add(new Entry(Actor.Party.SYSTEM, FAILED, null,
                    "unknown-username,count=" + unknownNames.unlisted + ",since=" + unknownNames.start));
            unknownNames = null;
        }
        return out;
    }

    /**
     * Failures and sign-outs go ahead without their entry if the store cannot take it: they grant nothing.
     * Nor do they wait for it, or a failure for an existing account would answer later than one for an
     * unknown name (which writes nothing) and tell the names apart.
     */
    private void write(Entry e) {
        record(e.target(), e).onFailure(x -> LOG.log(Level.WARNING, "sign-in access log entry not written: " + x.getClass().getSimpleName()));
    }

    /** Into the log of every program the person works in ({@code username} null: the hub's default program's). */
    private Future<Void> record(String username, Entry e) {
        return logsOf.apply(username).compose(logs -> Future.all(logs.stream()
                .map(log -> log.record(e.actor(), e.action(), e.target(), e.detail())).toList())).mapEmpty();
    }
}
