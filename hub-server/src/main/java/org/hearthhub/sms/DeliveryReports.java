package org.hearthhub.sms;

import io.vertx.core.Future;
import org.hearthhub.live.ExpiringValueStore;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Matches Twilio's delivery reports to the conversations whose texts they are about, in either order.
 * Usually the hub reads Twilio's 201 (the message SID) long before Twilio reports the text's fate, but a
 * report may also overtake the 201: Twilio does not order the two, and a text that fails at once is
 * reported at once. So both sides meet in one key per SID, written with set-if-absent: the send's side
 * leaves the conversation there, the report's side an early fate, and whichever comes second finds
 * the other's value, takes it if it is still there ({@code takeIf}) and tells the advocate. The key never
 * holds more than a conversation id or a message key.
 */
final class DeliveryReports {
    /** What a failed-delivery callback needs, for about as long as Twilio takes to report it. */
    static final Duration SID_TTL = Duration.ofHours(6);
    /** An early report waits this long for the send's answer, which Twilio gives within seconds or never. */
    static final Duration EARLY_REPORT_TTL = Duration.ofMinutes(15);
    /** Marks an early fate; conversation ids (URL-safe Base64) never start with it. */
    private static final String EARLY = "!";

    private final ExpiringValueStore live;
    private final BiFunction<String, String, Future<Void>> tellAdvocate;

    /** @param tellAdvocate shows a message (by key) on a conversation in its advocate's console */
    DeliveryReports(ExpiringValueStore live, BiFunction<String, String, Future<Void>> tellAdvocate) {
        this.live = live;
        this.tellAdvocate = tellAdvocate;
    }

    /** Twilio accepted the conversation's text as these messages; conversation null: nobody to tell. */
    Future<Void> sent(String conversation, List<String> sids) {
        if (conversation == null) return Future.succeededFuture();
        return Future.all(sids.stream().map(sid -> sent(conversation, sid)).toList()).mapEmpty();
    }

    private Future<Void> sent(String conversation, String sid) {
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

    /** Twilio reports that a message arrived: nothing more will be said about it. */
    Future<Void> delivered(String sid) {
        return live.take(SmsKeys.sid(sid)).mapEmpty();
    }
}
