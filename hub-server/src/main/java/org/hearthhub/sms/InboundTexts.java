package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hearthhub.actor.Actor;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.ReferralsFor;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * What an incoming text does. A number's live conversation is found by the number's HMAC; a text
 * from a number without one opens a conversation in the shared queue (or, when the program is
 * closed, by its hours or for want of anyone on shift where the lead chose so, gets the referrals and
 * opens nothing). Replies go out through the outbox without holding
 * up the webhook's answer.
 */
final class InboundTexts {
    private static final Logger LOG = Logger.getLogger(InboundTexts.class.getName());
    static final Duration CLOSED_REPLY_WINDOW = Duration.ofMinutes(10);
    private static final Duration OPENING_CLAIM = Duration.ofSeconds(30);
    private static final long OPENING_POLL_MS = 100;
    private static final int OPENING_POLLS = 30;

    private final Vertx vertx;
    private final LiveStore live;
    private final ConversationService conversations;
    private final CurrentSettings settings;
    private final ContactKeys keys;
    private final SmsRelay relay;
    private final TextedReferrals referrals;
    private final AutoReplies autoReplies;

    InboundTexts(Vertx vertx, LiveStore live, ConversationService conversations, CurrentSettings settings, ContactKeys keys,
                 SmsRelay relay, TextedReferrals referrals, AutoReplies autoReplies) {
        this.referrals = referrals;
        this.autoReplies = autoReplies;
        this.vertx = vertx;
        this.live = live;
        this.conversations = conversations;
        this.settings = settings;
        this.keys = keys;
        this.relay = relay;
    }

    Future<Void> receive(InboundSms sms) {
        String key = keys.of(sms.from());
        SmsKeyword.Match keyword = keyword(sms);
        // An opt-out or opt-in is the texted number's, as Twilio keeps it: kept here and confirmed from this number,
        // even when the texter's chat moved on by a warm referral.
        if (keyword.keyword() == SmsKeyword.STOP) return optOut(key, sms, keyword);
        if (keyword.keyword() == SmsKeyword.START) return optIn(key, sms, keyword);
        // A chat that moved to another program by a warm referral is answered there, from this number.
        return referrals.forward(key, sms).compose(forwarded -> forwarded ? Future.succeededFuture() : receiveHere(key, sms, keyword));
    }

    private Future<Void> receiveHere(String key, InboundSms sms, SmsKeyword.Match keyword) {
        return Future.all(live.peek(SmsKeys.optedOut(key)), live.peek(SmsKeys.blocked(key))).compose(marks -> {
            // Blocked: nothing is opened, and silence is the answer.
            if (marks.resultAt(1) != null) return Future.succeededFuture();
            // Opted out: nothing may be sent, so nothing is opened or added either.
            if (marks.resultAt(0) != null) return optedOutWroteAgain(key);
            return live.conversationByContactKey(key).compose(id -> id != null
                    ? continueConversation(id, key, sms, keyword)
                    : firstText(key, sms, keyword));
        });
    }

    /**
     * The hub's reading of the text, unless Twilio's Advanced Opt-Out blocked or unblocked the number for it: a
     * program may add words there the hub does not know (ALTO, ALTA), and the hub must not keep texting, or stay
     * silent, against Twilio's own state. Twilio confirmed those itself, so their language does not matter.
     */
    private static SmsKeyword.Match keyword(InboundSms sms) {
        SmsKeyword.Match own = SmsKeyword.match(sms.body());
        if (sms.twilioSays("STOP") && own.keyword() != SmsKeyword.STOP) return new SmsKeyword.Match(SmsKeyword.STOP, null);
        if (sms.twilioSays("START") && own.keyword() != SmsKeyword.START) return new SmsKeyword.Match(SmsKeyword.START, null);
        return own;
    }

    /**
     * STOP and its synonyms: remember the opt-out first, so the end is not texted, then end the
     * conversation, here or where a warm referral moved it. A word Twilio did not answer (PARAR…) gets
     * the hub's one confirmation, in its language; a number that had already opted out gets nothing.
     */
    private Future<Void> optOut(String key, InboundSms sms, SmsKeyword.Match keyword) {
        return live.peek(SmsKeys.optedOut(key)).compose(before -> live.putExpiring(SmsKeys.optedOut(key), "1", SmsRelay.OPT_OUT_MEMORY)
                .compose(v -> live.conversationByContactKey(key))
                .compose(id -> id == null ? Future.succeededFuture()
                        : conversations.end(id, EndReason.SURVIVOR, Actor.Party.SMS).mapEmpty())
                .compose(v -> referrals.endMoved(key))
                .onSuccess(v -> {
                    if (before == null && hubConfirms(sms, keyword)) {
                        whenAllowed(key, () -> relay.confirmOptOut(new SmsContact(sms.from(), keyword.lang()), SmsTexts.optedOut(keyword.lang())));
                    }
                }).mapEmpty());
    }

    /**
     * A number that opted out while its chat stayed live (Twilio refused a reply with 21610, the
     * carrier-level STOP) writes again. Its words are dropped unread: the person cannot be answered by
     * text, and an opt-out means the hub keeps nothing new from them. The advocate is told that they
     * wrote (at most once a minute, so a burst is one note), not what. Without a live chat: silence.
     */
    private Future<Void> optedOutWroteAgain(String key) {
        return live.conversationByContactKey(key).compose(id -> id == null ? Future.succeededFuture()
                : live.increment(SmsKeys.optedOutNotice(id), Duration.ofMinutes(1)).compose(n -> n == 1
                        ? relay.tellAdvocate(id, "sms.error.opted_out_wrote") : Future.succeededFuture()));
    }

    /**
     * START and its synonyms forget the opt-out (and the one a refused reply left beside a chat moved on) and open
     * nothing; Twilio confirms its own words, the hub the others.
     */
    private Future<Void> optIn(String key, InboundSms sms, SmsKeyword.Match keyword) {
        return live.take(SmsKeys.optedOut(key)).compose(v -> referrals.optedInMoved(key)).onSuccess(v -> {
            if (hubConfirms(sms, keyword)) reply(new SmsContact(sms.from(), keyword.lang()), SmsTexts.optedIn(keyword.lang()));
        }).mapEmpty();
    }

    private static boolean hubConfirms(InboundSms sms, SmsKeyword.Match keyword) {
        return !keyword.confirmedByTwilio() && !sms.keywordAnsweredByTwilio();
    }

    private Future<Void> continueConversation(String id, String key, InboundSms sms, SmsKeyword.Match keyword) {
        return relay.contactOf(id).compose(found -> {
            if (found == null) return firstText(key, sms, keyword); // ended a moment ago
            SmsContact contact = switchedLanguage(found, keyword);
            Future<Void> switched = contact == found ? Future.succeededFuture()
                    : rewriteContact(id, contact).onSuccess(v -> reply(contact, SmsTexts.languageSwitched(contact.lang())));
            return switched.compose(v -> {
                if (keyword.keyword() == SmsKeyword.HELP) reply(contact, SmsTexts.help(keyword.replyLang(contact.lang())));
                if (sms.numMedia() > 0) {
                    reply(contact, SmsTexts.media(contact.lang()));
                    noticeMedia(id);
                }
                if (!sms.hasText()) return Future.succeededFuture();
                return referrals.answer(id, key, contact, keyword.keyword()).compose(answered -> answered ? Future.succeededFuture()
                        : append(id, contact, sms)).recover(e -> e instanceof Refusal ce && ce.code() == ErrorCode.NOT_FOUND
                        ? firstText(key, sms, keyword) // the conversation ended between finding and appending
                        : Future.failedFuture(e));
            });
        });
    }

    /**
     * The contact in its new language, kept no longer than it already was: the number's cap runs from the conversation's
     * creation. Not written for a conversation that has ended (its end took the number) or outlived its cap.
     */
    private Future<Void> rewriteContact(String id, SmsContact contact) {
        return live.conversation(id).compose(c -> {
            Duration left = c == null ? Duration.ZERO : relay.contactTtlLeft(c);
            return left.isNegative() || left.isZero() ? Future.succeededFuture()
                    : live.putExpiring(SmsKeys.contact(id), contact.encode(), left);
        });
    }

    private static SmsContact switchedLanguage(SmsContact contact, SmsKeyword.Match keyword) {
        return keyword.keyword() == SmsKeyword.LANGUAGE && !contact.lang().equals(keyword.lang()) ? contact.in(keyword.lang()) : contact;
    }

    private Future<Void> append(String id, SmsContact contact, InboundSms sms) {
        return conversations.survivorMessage(id, sms.messageSid(), sms.body()).<Void>mapEmpty().recover(e -> {
            if (e instanceof Refusal ce && ce.code() == ErrorCode.RATE_LIMITED) {
                return live.increment(SmsKeys.rateNotice(id), Duration.ofMinutes(1)).map(n -> {
                    if (n == 1) reply(contact, SmsTexts.rateLimited(contact.lang()));
                    return null;
                });
            }
            return Future.failedFuture(e);
        });
    }

    private Future<Void> firstText(String key, InboundSms sms, SmsKeyword.Match keyword) {
        // A keyword is in its own language: AYUDA opens a Spanish conversation, ENGLISH an English one.
        String lang = LanguageGuess.of(sms.body());
        SmsContact contact = new SmsContact(sms.from(), lang);
        if (keyword.keyword() == SmsKeyword.HELP) reply(contact, SmsTexts.help(lang));
        if (!sms.hasText()) {
            // Media alone opens nothing: the texter is asked to type.
            if (sms.numMedia() > 0) reply(contact, SmsTexts.media(lang));
            return Future.succeededFuture();
        }
        // Closed by the hours, or within them while nobody is on shift where the lead shows that as closed
        // (the same answer the widget gets): referrals, and nothing is queued for nobody to read.
        return conversations.opening().openNow().compose(open -> !open ? afterHours(key, contact)
                : live.increment(SmsKeys.opening(key), OPENING_CLAIM).compose(n -> n == 1
                        ? open(key, contact, sms).eventually(() -> live.resetCounter(SmsKeys.opening(key)))
                        : conversationOpenedElsewhere(key, OPENING_POLLS).compose(id -> id != null
                                ? continueConversation(id, key, sms, keyword)
                                : open(key, contact, sms))));
    }

    /** Two first texts at once: the second waits for the conversation the first one is opening. */
    private Future<String> conversationOpenedElsewhere(String key, int pollsLeft) {
        return live.conversationByContactKey(key).compose(id -> id != null || pollsLeft == 0 ? Future.succeededFuture(id)
                : vertx.timer(OPENING_POLL_MS).compose(v -> conversationOpenedElsewhere(key, pollsLeft - 1)));
    }

    private Future<Void> open(String key, SmsContact contact, InboundSms sms) {
        return conversations.startContact(Channel.SMS, contact.lang(), contact.number())
                .compose(queued -> {
                    Conversation c = queued.conversation();
                    // Bound only if the number has not opted out meanwhile: its STOP may have come in after
                    // this text passed the opt-out check, and found no conversation to end yet.
                    return live.bindContactKey(c.id(), key, SmsKeys.optedOut(key))
                        .compose(bound -> !bound ? conversations.end(c.id(), EndReason.SURVIVOR, Actor.Party.SMS).<Void>mapEmpty()
                            : live.putExpiring(SmsKeys.contact(c.id()), contact.encode(), relay.contactTtl())
                                .compose(v -> conversations.survivorMessage(c.id(), sms.messageSid(), sms.body()))
                                .map(v -> {
                                    whenAllowed(key, () -> relay.firstReply(c.id(), contact, queued.position(), sms.numMedia() > 0));
                                    return (Void) null;
                                }))
                        .onFailure(e -> endHalfOpened(c));
                })
                .recover(e -> {
                    if (e instanceof Refusal ce && ce.code() == ErrorCode.QUEUE_FULL) {
                        reply(contact, SmsTexts.queueFull(contact.lang(), ReferralsFor.lang(settings.get(), contact.lang())));
                        return Future.succeededFuture();
                    }
                    return Future.failedFuture(e);
                });
    }

    /** A conversation whose set-up failed half-way would sit in the queue with no way to reach its texter. */
    private void endHalfOpened(Conversation c) {
        conversations.end(c.id(), EndReason.TIMEOUT, Actor.Party.SMS)
                .onFailure(e -> LOG.warning("SMS: could not end a half-opened conversation: " + e.getClass().getSimpleName()));
    }

    private Future<Void> afterHours(String key, SmsContact contact) {
        return live.increment(SmsKeys.closedReply(key), CLOSED_REPLY_WINDOW).map(n -> {
            if (n == 1) reply(contact, SmsTexts.closed(contact.lang(), ReferralsFor.lang(settings.get(), contact.lang())));
            return null;
        });
    }

    private void noticeMedia(String id) {
        live.conversation(id).onSuccess(c -> {
            if (c != null && c.isActive()) {
                live.publish(new LiveEvent.AdvocateNotice(id, c.advocate(), "bad_request", "sms.notice.media"));
            }
        });
    }

    /**
     * Replies are not part of the webhook's answer: the outbox sends them and logs what fails. Each is the hub's own
     * answer to a text, so it counts against the number's and the hub's caps ({@link AutoReplies}).
     */
    private void reply(SmsContact contact, String text) {
        whenAllowed(keys.of(contact.number()), () -> relay.deliver(null, contact, text));
    }

    /** Runs an automatic reply unless a cap withholds it. */
    private void whenAllowed(String key, Runnable send) {
        autoReplies.allow(key).onSuccess(allowed -> {
            if (allowed) send.run();
        }).onFailure(e -> LOG.warning("SMS: an automatic reply was not sent: " + e.getClass().getSimpleName()));
    }
}
