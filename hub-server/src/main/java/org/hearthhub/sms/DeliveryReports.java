package org.hearthhub.sms;

import io.vertx.core.Future;
import org.hearthhub.live.ExpiringValueStore;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * Matches Twilio's delivery reports to the conversations whose texts they are about, in either order.
 * Usually the hub reads Twilio's 201 (the message SID) long before Twilio reports the text's fate, but a
 * report may also overtake the 201: Twilio does not order the two, and a text that fails at once is
 * reported at once. So both sides meet in one key per SID, written with set-if-absent: the send's side
 * leaves the conversation there, the report's side an early fate, and whichever comes second finds
 * the other's value, takes it if it is still there ({@code takeIf}) and tells the advocate. The key never
 * holds more than a conversation id or a message key.
 * <p>
 * Once a chat has ended there is nobody to tell, and a SID beside a conversation id is a record best not kept (Twilio's
 * own log ties the SID to the texter's number). Each chat numbers its SIDs ({@link SmsKeys#sentCount}, {@link
 * SmsKeys#sent}) so that a sweep ({@link #ended}) can take them all. A send and the chat's end may cross, on one node
 * or two, and no order may leave a SID:
 * <ul>
 * <li>a send records its SID first (numbered, then its mark) and only then asks whether the chat still lives. Alive:
 * every record was made before the end, so before the end's sweep began, and that sweep numbers past it and takes it.
 * Ended: the sweep may have come and gone, so the send takes its own SID and then sweeps the chat itself;</li>
 * <li>only sweeps start the numbering again, and every sweep begins after the end, when no send can still see the chat
 * alive: an earlier version let a late send reset it before the end's sweep, which then found nothing (efa8c03).</li>
 * </ul>
 */
final class DeliveryReports {
    /** What a failed-delivery callback needs, for about as long as Twilio takes to report it. */
    static final Duration SID_TTL = Duration.ofHours(6);
    /** An early report waits this long for the send's answer, which Twilio gives within seconds or never. */
    static final Duration EARLY_REPORT_TTL = Duration.ofMinutes(15);
    /** Marks an early fate; conversation ids (URL-safe Base64) never start with it. */
    private static final String EARLY = "!";

    private final ExpiringValueStore live;
    private final Supplier<Duration> chatLife;
    private final Function<String, Future<Boolean>> lives;
    private final BiFunction<String, String, Future<Void>> tellAdvocate;

    /**
     * @param chatLife     the longest a conversation may live: its SIDs' numbering must not start again while it does
     * @param lives        whether a conversation (by id) is still in the live store, not ended
     * @param tellAdvocate shows a message (by key) on a conversation in its advocate's console
     */
    DeliveryReports(ExpiringValueStore live, Supplier<Duration> chatLife, Function<String, Future<Boolean>> lives,
                    BiFunction<String, String, Future<Void>> tellAdvocate) {
        this.live = live;
        this.chatLife = chatLife;
        this.lives = lives;
        this.tellAdvocate = tellAdvocate;
    }

    /** Twilio accepted the conversation's text as these messages; conversation null: nobody to tell. */
    Future<Void> sent(String conversation, List<String> sids) {
        if (conversation == null) return Future.succeededFuture();
        return Future.all(sids.stream().map(sid -> sent(conversation, sid)).toList()).mapEmpty();
    }

    private Future<Void> sent(String conversation, String sid) {
        return live.increment(SmsKeys.sentCount(conversation), chatLife.get())
                .compose(n -> live.putExpiring(SmsKeys.sent(conversation, n), sid, SID_TTL)
                        .compose(v -> meet(conversation, sid))
                        // Recorded, then checked: an end before this check may have swept before the record was made.
                        .compose(v -> lives.apply(conversation))
                        .compose(alive -> alive ? Future.succeededFuture() : forgetLate(conversation, n, sid)));
    }

    /** A SID recorded after its chat ended: this send takes its own, then sweeps what an end may have left. */
    private Future<Void> forgetLate(String conversation, long n, String sid) {
        return Future.all(live.take(SmsKeys.sid(sid)), live.takeIf(SmsKeys.sent(conversation, n), sid))
                .compose(v -> ended(conversation));
    }

    private Future<Void> meet(String conversation, String sid) {
        String key = SmsKeys.sid(sid);
        return live.putIfAbsent(key, conversation, SID_TTL).compose(held -> !held.startsWith(EARLY) ? Future.succeededFuture()
                // The report came first and left the text's fate here.
                : live.takeIf(key, held).compose(took -> took
                        ? tellAdvocate.apply(conversation, held.substring(EARLY.length())) : Future.succeededFuture()));
    }

    /**
     * Twilio reports that a message failed; {@code messageKey} is what the advocate is shown. Whoever takes the
     * conversation's id from the key tells the advocate, so a report Twilio repeats is told once.
     */
    Future<Void> failed(String sid, String messageKey) {
        String key = SmsKeys.sid(sid);
        return live.putIfAbsent(key, EARLY + messageKey, EARLY_REPORT_TTL).compose(held -> held.startsWith(EARLY)
                ? Future.succeededFuture()
                : live.takeIf(key, held).compose(took -> took ? tellAdvocate.apply(held, messageKey) : Future.succeededFuture()));
    }

    /**
     * The conversation ended: nobody is left to tell, so its SIDs go, whatever Twilio still reports about them. Call it
     * only once the conversation is gone from the live store (a send that records a SID later sees it gone and takes
     * its own); calling it again, on any node, is harmless.
     */
    Future<Void> ended(String conversation) {
        // One past the last number given so far; every SID numbered before it was recorded before its number was.
        return live.increment(SmsKeys.sentCount(conversation), chatLife.get())
                .compose(next -> Future.all(LongStream.range(1, next).mapToObj(n -> forget(conversation, n)).toList()))
                .compose(v -> live.resetCounter(SmsKeys.sentCount(conversation)));
    }

    private Future<Void> forget(String conversation, long n) {
        return live.take(SmsKeys.sent(conversation, n))
                .compose(sid -> sid == null ? Future.succeededFuture() : live.take(SmsKeys.sid(sid)).mapEmpty());
    }

    /** Twilio reports that a message arrived: nothing more will be said about it. */
    Future<Void> delivered(String sid) {
        return live.take(SmsKeys.sid(sid)).mapEmpty();
    }
}
