package org.hearthhub.voice;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Languages;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Shift;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.AccountStore;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.ReferralsFor;
import org.hearthhub.sms.ContactKeys;
import org.hearthhub.sms.SmsKeys;
import org.hearthhub.stats.DailyStatistics;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * What each step of a hotline call does, answering the TwiML Twilio plays next: the greeting and language
 * choice, then the referrals (closed, or nobody on shift who can take calls) or the shared queue; the wait
 * with its place in line; the advocate's whisper and keypress; and the end of either leg.
 */
final class Hotline {
    private static final Logger LOG = Logger.getLogger(Hotline.class.getName());
    /** A call that is answered but not yet bridged waits this long in silence before Twilio asks again. */
    private static final int BRIDGING_PAUSE_SECONDS = 2;

    private final LiveStore live;
    private final ConversationService conversations;
    private final CurrentSettings settings;
    private final AccountStore accounts;
    private final DailyStatistics stats;
    private final ContactKeys keys;
    private final HubConfig.Voice voice;
    private final CallUrls urls;
    /** The program's SMS number as it is when a caller is told it (a coalition admin may change it); null: none. */
    private final Supplier<String> textNumber;
    private final String chatUrl;
    /** Shared by every program's hotline, built at start: what is said, and the languages a caller may choose. */
    private final CallScripts scripts;
    private final CallerHolds holds;
    private final HotlineMeter meter;

    Hotline(LiveStore live, ConversationService conversations, CurrentSettings settings, AccountStore accounts, DailyStatistics stats,
            ContactKeys keys, HubConfig.Voice voice, CallUrls urls, Supplier<String> textNumber, String chatUrl, CallScripts scripts,
            CallerHolds holds, HotlineMeter meter) {
        this.chatUrl = chatUrl;
        this.scripts = scripts;
        this.holds = holds;
        this.meter = meter;
        this.live = live;
        this.conversations = conversations;
        this.settings = settings;
        this.accounts = accounts;
        this.stats = stats;
        this.keys = keys;
        this.voice = voice;
        this.urls = urls;
        this.textNumber = textNumber;
    }

    // ---------------------------------------------------------------- the caller's leg

    /** A call arrives: a blocked number is refused as busy; anyone else is greeted and asked for a language. */
    Future<String> answer(String from, boolean secondTry) {
        String key = contactKey(from);
        Future<String> blocked = key == null ? Future.succeededFuture(null) : live.peek(SmsKeys.blocked(key));
        return blocked.map(mark -> mark != null ? scripts.refused()
                : scripts.greeting(urls.language(), secondTry ? urls.language() : urls.answerAgain()));
    }

    /** The language is chosen (or not: the default): the call is told the line is not answered, or queued. */
    Future<String> chosen(String callSid, String from, String digits, String speech) {
        String lang = scripts.phone().chosen(digits, speech);
        if (callSid == null || callSid.isBlank()) return Future.succeededFuture(scripts.trouble(lang));
        // Twilio may ask twice (a retried webhook): the call already queued is enqueued again, not twice.
        return live.peek(CallKeys.call(callSid)).compose(existing -> CallKeys.GONE.equals(existing) ? Future.succeededFuture(scripts.hangUp())
                : existing != null ? requeue(existing)
                : !conversations.opening().withinHours() ? unanswered(lang, true)
                : staffedForCalls().compose(staffed -> staffed ? open(callSid, from, lang) : unanswered(lang, false)));
    }

    private Future<String> requeue(String conversation) {
        return live.conversation(conversation).map(c -> c == null ? scripts.hangUp()
                : scripts.enqueue(c.lang(), queueName(c.id()), urls.waiting(c.id()), urls.left(c.id())));
    }

    private Future<String> unanswered(String lang, boolean closed) {
        stats.recordUnansweredCall(lang, closed).onFailure(e -> LOG.warning("Voice: statistics not recorded: " + e.getClass().getSimpleName()));
        return Future.succeededFuture(notAnswered(lang, closed ? "voice.closed" : "voice.unstaffed"));
    }

    /** Why nobody answers ({@code whyKey}), the program's referrals for the language (or the default's), the text line and web chat. */
    private String notAnswered(String lang, String whyKey) {
        ProgramSettings current = settings.get();
        return scripts.notAnswered(lang, whyKey, ReferralsFor.language(current, lang), ReferralsFor.lang(current, lang),
                textNumber.get(), chatUrl);
    }

    /** Someone on shift has a program phone and has not just missed a call. */
    Future<Boolean> staffedForCalls() {
        return live.shifts().compose(shifts -> Future.all(shifts.stream().map(this::takesCalls).toList())
                .map(all -> all.list().stream().anyMatch(Boolean.TRUE::equals)));
    }

    private Future<Boolean> takesCalls(Shift shift) {
        return accounts.account(shift.username()).compose(account -> account.map(Account::phone).orElse(null) == null
                ? Future.succeededFuture(false)
                : live.peek(CallKeys.missed(shift.username())).map(missed -> missed == null));
    }

    /**
     * Queues the call, unless another call from the same number is queued or connected (or, for a withheld number, every
     * place withheld calls share is held): {@link CallerHolds}. That call hears it cannot be taken now, and ends.
     */
    private Future<String> open(String callSid, String from, String lang) {
        String key = contactKey(from);
        return holds.claim(key, callSid, callTtl()).compose(claim -> switch (claim) {
            case HELD -> queue(callSid, from, key, lang);
            case NUMBER_BUSY -> refused(HotlineMeter.NotQueued.SECOND_CALL, scripts.secondCall(lang));
            case WITHHELD_FULL -> refused(HotlineMeter.NotQueued.WITHHELD_FULL, notAnswered(lang, "voice.queue_full"));
        });
    }

    private Future<String> refused(HotlineMeter.NotQueued why, String answer) {
        meter.callRefused(why);
        return Future.succeededFuture(answer);
    }

    /**
     * Queues the call as a conversation in the shared queue. The number is its contact (shown masked, purged
     * at the end); beside it only the call's SID and the number's HMAC, for blocking. A call not queued after all
     * gives its number's place back here; a queued one when its conversation ends ({@link CallRelay}).
     */
    private Future<String> queue(String callSid, String from, String key, String lang) {
        String number = isNumber(from) ? ContactKeys.normalize(from) : null;
        return conversations.startContact(Channel.PHONE, lang, number).compose(queued -> {
            Conversation c = queued.conversation();
            Duration ttl = callTtl();
            // Bound (so the end removes it too) unless the number was blocked meanwhile.
            Future<Boolean> bound = key == null ? Future.succeededFuture(true)
                    : live.bindContactKey(c.id(), "phone:" + key, SmsKeys.blocked(key));
            return bound.compose(ok -> !ok
                    ? conversations.end(c.id(), EndReason.BLOCKED, Actor.Party.SYSTEM).compose(v -> letGo(key, callSid, scripts.refused()))
                    : live.putExpiring(CallKeys.callerLeg(c.id()), new CallLeg(callSid, key).encode(), ttl)
                    .compose(v -> live.putIfAbsent(CallKeys.call(callSid), c.id(), ttl))
                    .compose(held -> held.equals(c.id())
                            ? Future.succeededFuture(scripts.enqueue(lang, queueName(c.id()), urls.waiting(c.id()), urls.left(c.id())))
                            : notTwice(c, held, key, callSid)))
                    .recover(e -> conversations.end(c.id(), EndReason.TIMEOUT, Actor.Party.SYSTEM)
                            .compose(ended -> letGo(key, callSid, scripts.trouble(lang))));
        }).recover(e -> holds.release(key, callSid).transform(released -> {
            if (e instanceof Refusal r && r.code() == ErrorCode.QUEUE_FULL) {
                return Future.succeededFuture(notAnswered(lang, "voice.queue_full"));
            }
            return Future.failedFuture(e);
        }));
    }

    /** The call was not queued after all: its place goes back, and it hears {@code answer}. */
    private Future<String> letGo(String key, String callSid, String answer) {
        return holds.release(key, callSid).map(answer);
    }

    /**
     * The call's SID was taken while this step opened it: the caller's hang-up was handled first (nothing was there to
     * end, so it left its mark), or a repeated request opened the call. The conversation opened here goes; the place
     * the call holds goes with a caller who hung up, and stays with the call a repeated request opened.
     */
    private Future<String> notTwice(Conversation c, String held, String key, String callSid) {
        return conversations.end(c.id(), EndReason.SURVIVOR, Actor.Party.SURVIVOR)
                .compose(v -> CallKeys.GONE.equals(held) ? letGo(key, callSid, scripts.hangUp()) : requeue(held));
    }

    /** Fetched again and again while the caller waits: their place in the shared queue, then hold audio. */
    Future<String> waiting(String conversation) {
        return live.conversation(conversation).compose(c -> {
            if (c == null) return Future.succeededFuture(scripts.hangUp()); // ended from the console meanwhile
            // Answered and about to be bridged, or on hold during a transfer: no place in line to announce.
            if (!c.isQueued()) return Future.succeededFuture(scripts.holding(c.lang(), 0, voice.holdMusicUrl(), BRIDGING_PAUSE_SECONDS));
            return live.position(c.id()).map(place -> scripts.holding(c.lang(), place, voice.holdMusicUrl(), voice.announceSeconds()));
        });
    }

    /**
     * The caller left the queue: Twilio says why. After a conversation with an advocate ("bridged") or a
     * hang-up while waiting the conversation ends; a redirect by the hub itself changes nothing.
     */
    Future<String> left(String conversation, String result) {
        String why = result == null ? "" : result;
        if (why.equals("redirected")) return Future.succeededFuture(scripts.nothing());
        boolean trouble = !(why.equals("bridged") || why.equals("hangup") || why.equals("leave"));
        return live.conversation(conversation).compose(c -> {
            String lang = c == null ? Languages.DEFAULT : c.lang();
            Future<Conversation> ended = c == null ? Future.succeededFuture(null)
                    : (trouble ? conversations.end(c.id(), EndReason.TIMEOUT, Actor.Party.SYSTEM)
                    : conversations.end(c.id(), EndReason.SURVIVOR, Actor.Party.SURVIVOR));
            return ended.map(v -> trouble ? scripts.trouble(lang) : scripts.hangUp());
        });
    }

    /**
     * The caller's leg ended, whatever the reason (Twilio's status callback on the hotline number): its conversation
     * ends, and the place its number held goes back, even when the conversation was already gone without saying so.
     */
    Future<Void> callerGone(String callSid, String from) {
        // Marked when no conversation is there yet: the language step may still be opening one (Twilio does not order
        // its requests), and must not leave it in the queue for nobody.
        return live.putIfAbsent(CallKeys.call(callSid), CallKeys.GONE, CallKeys.GONE_TTL).<Void>compose(conversation -> CallKeys.GONE.equals(conversation)
                ? Future.succeededFuture() : conversations.end(conversation, EndReason.SURVIVOR, Actor.Party.SURVIVOR).mapEmpty())
                .eventually(() -> holds.release(contactKey(from), callSid));
    }

    /** The caller is moved on hold (by the hub, through the Calls API) while another advocate's phone rings. */
    Future<String> hold(String conversation) {
        return live.conversation(conversation).map(c -> c == null ? scripts.hangUp()
                : scripts.enqueue(c.lang(), "voice.transferring", queueName(c.id()), urls.waiting(c.id()), urls.left(c.id())));
    }

    /** Said to the caller as the advocate's leg takes them out of the queue. */
    Future<String> connecting(String conversation) {
        return live.conversation(conversation).map(c -> scripts.connecting(c == null ? Languages.DEFAULT : c.lang()));
    }

    // ---------------------------------------------------------------- the advocate's leg

    /** The advocate's phone was answered (by them or by a voicemail): ask for the keypress. */
    Future<String> whisper(Ring ring) {
        return Future.all(conversations.rings().isRinging(ring.conversation(), ring.advocate(), ring.attempt()), live.conversation(ring.conversation()),
                staffLanguage(ring.advocate())).map(all -> {
            boolean ringing = all.resultAt(0);
            Conversation c = all.resultAt(1);
            String staffLang = all.resultAt(2);
            return ringing && c != null ? scripts.whisper(staffLang, c.lang(), urls.pickup(ring))
                    : scripts.toAdvocate(staffLang, "voice.whisper.gone");
        });
    }

    /** A key was pressed: 1 takes the call (if still free) and bridges it; anything else leaves it queued. */
    Future<String> pickup(Ring ring, String digits) {
        return staffLanguage(ring.advocate()).compose(staffLang -> {
            if (!"1".equals(digits == null ? null : digits.trim())) {
                return Future.succeededFuture(scripts.toAdvocate(staffLang, "voice.whisper.missed"));
            }
            return conversations.answerCall(ring.advocate(), ring.conversation(), ring.attempt())
                    .compose(accepted -> live.putExpiring(CallKeys.bridged(ring.conversation()), ring.attempt(), callTtl()))
                    .map(v -> scripts.bridge(queueName(ring.conversation()), urls.connecting(ring.conversation())))
                    .recover(e -> Future.succeededFuture(scripts.toAdvocate(staffLang, "voice.whisper.gone")));
        });
    }

    /**
     * The advocate's leg ended. Still ringing (no answer, busy, a voicemail that pressed nothing): the call
     * keeps its place in the queue (it never left it), and calls stop ringing this advocate until they accept one.
     * After a conversation: the advocate hung up, so it ends; not when the caller had left this leg for hold (a
     * transfer, or the advocate's phone rung again), where the caller now waits.
     */
    Future<Void> advocateLegEnded(Ring ring, CallRelay relay) {
        return conversations.rings().end(ring.conversation(), ring.advocate(), ring.attempt()).compose(wasRinging -> {
            if (wasRinging) return relay.missed(ring);
            return live.takeIf(CallKeys.bridged(ring.conversation()), ring.attempt()).compose(talking -> !talking ? Future.succeededFuture()
                    : live.conversation(ring.conversation()).compose(c -> c != null && c.isActive() && ring.advocate().equals(c.advocate())
                    ? conversations.end(c.id(), EndReason.ADVOCATE, Actor.staff(ring.advocate())).mapEmpty()
                    : Future.succeededFuture()));
        });
    }

    private Future<String> staffLanguage(String username) {
        return accounts.account(username).map(a -> a.map(Account::uiLanguage).orElse(Languages.DEFAULT)).otherwise(Languages.DEFAULT);
    }

    // ---------------------------------------------------------------- helpers

    /** A call's values live as long as the call may, plus the minute the timeout sweep needs to end it. */
    private Duration callTtl() {
        return conversations.timeouts().maxLifetime().plus(Duration.ofMinutes(1));
    }

    /** Each call waits in a Twilio queue of its own, so the advocate the hub chose takes exactly that caller. */
    static String queueName(String conversation) {
        return "hearth-" + conversation;
    }

    private String contactKey(String from) {
        return isNumber(from) ? keys.of(from) : null;
    }

    /**
     * Withheld numbers reach Twilio as a word ("anonymous") or as one of Twilio's placeholder numbers (for
     * anonymous, unknown, restricted, blocked and unavailable callers): nothing to mask, key or block, since
     * blocking a placeholder would refuse every caller who withholds their number.
     */
    static boolean isNumber(String from) {
        if (from == null) return false;
        String number = ContactKeys.normalize(from);
        return number.matches(ConfigLoader.E164) && !WITHHELD.contains(number);
    }

    private static final java.util.Set<String> WITHHELD = java.util.Set.of("+266696687", "+86282452253", "+7378742833", "+2562533",
            "+8656696");
}
