package org.hearthhub.voice;

import io.vertx.core.Future;
import org.hearthhub.live.ExpiringValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One queued or connected call at a time per caller number on a program's hotline, so that one caller ID (spoofed, or
 * a VoIP line dialling in a loop) cannot hold several places in the queue at the program's cost, as a texter already
 * has one chat per number. A call holds its number's place (by the number's keyed hash, never the number) from just
 * before it is queued until it ends; the place is its call SID in the live store, so every node sees it.
 * <p>
 * A caller who withholds their number has no number to hold a place by. They must still reach the line (a survivor
 * may well hide their number), but they must not all share one place either, which one withheld call would then deny
 * every other: so withheld calls share {@code voice.maxWithheldCalls} places between them, each taken by one call.
 * <p>
 * A place is given back when its call ends, however that is heard (the conversation's end, the caller leg's status
 * report), only by the call that holds it; and it lives no longer than a call may ({@code bound}), for the day every
 * report of the end is lost.
 */
final class CallerHolds {
    /** What a call's claim found. */
    enum Claim {
        /** The call holds its place (a repeated request of the same call finds it held already). */
        HELD,
        /** Another call from the same number holds it. */
        NUMBER_BUSY,
        /** The number is withheld, and every place for withheld calls is held. */
        WITHHELD_FULL
    }

    private final ExpiringValueStore live;
    private final int withheldPlaces;

    CallerHolds(ExpiringValueStore live, int withheldPlaces) {
        this.live = live;
        this.withheldPlaces = withheldPlaces;
    }

    /**
     * Claims the place of the number of keyed hash {@code contactKey} (null: a withheld number) for the call
     * {@code callSid}, for at most {@code bound}.
     */
    Future<Claim> claim(String contactKey, String callSid, Duration bound) {
        if (contactKey == null) return claimWithheld(callSid, bound, 1);
        return live.putIfAbsent(CallKeys.caller(contactKey), callSid, bound)
                .map(holder -> holder.equals(callSid) ? Claim.HELD : Claim.NUMBER_BUSY);
    }

    /** The first free place of the withheld callers', tried in order; one the call holds already is its own. */
    private Future<Claim> claimWithheld(String callSid, Duration bound, int place) {
        if (place > withheldPlaces) return Future.succeededFuture(Claim.WITHHELD_FULL);
        return live.putIfAbsent(CallKeys.withheld(place), callSid, bound)
                .compose(holder -> holder.equals(callSid) ? Future.succeededFuture(Claim.HELD) : claimWithheld(callSid, bound, place + 1));
    }

    /** Gives back the place the call {@code callSid} holds, if it holds one; another call's place stays. */
    Future<Void> release(String contactKey, String callSid) {
        if (callSid == null) return Future.succeededFuture();
        if (contactKey != null) return live.takeIf(CallKeys.caller(contactKey), callSid).mapEmpty();
        List<Future<Boolean>> places = new ArrayList<>();
        for (int place = 1; place <= withheldPlaces; place++) places.add(live.takeIf(CallKeys.withheld(place), callSid));
        return Future.all(places).mapEmpty();
    }
}
