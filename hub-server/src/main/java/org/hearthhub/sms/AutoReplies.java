package org.hearthhub.sms;

import io.vertx.core.Future;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.ExpiringValueStore;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * Caps the texts the hub sends on its own in answer to incoming texts (the place in line, the closed or full line's
 * referrals, HELP, the media note, a language switch, the rate-limit notice, opt-out and opt-in confirmations), since
 * each one costs the program money and a texter decides how many texts come in: one number texting HELP in a loop, or
 * a few thousand numbers each texting once, would otherwise make the hub text back without end. What an advocate
 * types, and what follows from a staff step (greeting, transfer, goodbye, a referral offer), is not capped here.
 * <p>
 * Two caps, counted in the live store so that every node shares them: per number (its keyed hash) an hour and a day,
 * in the program's store; and hub-wide an hour, in the default program's (as the hub's other counters). A reply over
 * either is not sent; the conversation still opens and its messages still reach the advocate. The first refusal in a
 * window is logged once, with no number, and every refusal is counted for the metrics by the cap that refused it.
 */
final class AutoReplies {
    private static final Logger LOG = Logger.getLogger(AutoReplies.class.getName());
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration DAY = Duration.ofDays(1);

    private final ExpiringValueStore program;
    private final ExpiringValueStore hub;
    private final HubConfig.AutoReplyCaps caps;
    private final AutoReplyMeter meter;

    /**
     * @param program the program's live store: its number's counts
     * @param hub     the default program's live store: the hub-wide count
     * @param caps    {@code sms.autoRepliesPerNumberHour}, {@code …PerNumberDay} and {@code …HubHour}
     * @param meter   counts each refusal by the cap that refused it
     */
    AutoReplies(ExpiringValueStore program, ExpiringValueStore hub, HubConfig.AutoReplyCaps caps, AutoReplyMeter meter) {
        this.program = program;
        this.hub = hub;
        this.caps = caps;
        this.meter = meter;
    }

    /** Whether one more automatic reply may be texted to the number of this keyed hash; counts it if so. */
    Future<Boolean> allow(String contactKey) {
        return Future.all(program.increment(SmsKeys.autoReplies(contactKey, "h"), HOUR),
                program.increment(SmsKeys.autoReplies(contactKey, "d"), DAY)).compose(counts -> {
            long hour = counts.<Long>resultAt(0);
            long day = counts.<Long>resultAt(1);
            if (hour > caps.perNumberHour() || day > caps.perNumberDay()) {
                meter.refused(hour > caps.perNumberHour() ? AutoReplyMeter.Cap.NUMBER_HOUR : AutoReplyMeter.Cap.NUMBER_DAY);
                if (hour == caps.perNumberHour() + 1 || day == caps.perNumberDay() + 1) {
                    LOG.warning("SMS: a number reached its cap of automatic replies (" + caps.perNumberHour() + " an hour, "
                            + caps.perNumberDay() + " a day); its texts still reach the program, unanswered by the hub until then");
                }
                return Future.succeededFuture(false);
            }
            return hub.increment(SmsKeys.autoRepliesHub(), HOUR).map(n -> {
                if (n == caps.hubHour() + 1) {
                    LOG.warning("SMS: the hub reached its cap of automatic replies (" + caps.hubHour() + " an hour, all numbers): "
                            + "new texts still open chats, but get no automatic reply until the hour is over");
                }
                if (n > caps.hubHour()) meter.refused(AutoReplyMeter.Cap.HUB_HOUR);
                return n <= caps.hubHour();
            });
        });
    }
}
