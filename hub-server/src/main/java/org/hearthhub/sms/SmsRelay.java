package org.hearthhub.sms;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Channel;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.ConversationState;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.model.EndReason;
import org.hearthhub.model.Sender;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;
import org.hearthhub.settings.CurrentSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Texts a texter what a web survivor would see in the widget: advocate and system messages, being
 * assigned or transferred, the end. Every node hears every event, so each outbound text is first
 * claimed in the live store ({@code increment(...) == 1}, or {@code take} of the contact at the end):
 * exactly one node sends it.
 */
final class SmsRelay {
    private static final Logger LOG = Logger.getLogger(SmsRelay.class.getName());
    /** Long enough for every node to have heard the event; claims are per message, so they never repeat. */
    static final Duration CLAIM_TTL = Duration.ofMinutes(2);
    static final Duration OPT_OUT_MEMORY = Duration.ofDays(30);

    private final LiveStore live;
    private final ConversationService conversations;
    private final CurrentSettings settings;
    private final ContactKeys keys;
    private final SmsOutbox outbox;
    private final Clock clock;
    private final Supplier<SmsSender> sender;
    private final Function<String, SmsSender> senderVia;
    private final Function<String, LiveStore> liveVia;
    private final DeliveryReports reports;

    /**
     * @param sender    the program's number as it is when a text leaves (a coalition admin may change it)
     * @param senderVia the number of another program (by id), for a chat that moved here by a warm referral: its
     *                  texter keeps texting the number they texted, and is answered from it
     * @param liveVia   the live store of another program (by id; null if gone), which keeps its number's opt-outs
     */
    SmsRelay(LiveStore live, ConversationService conversations, CurrentSettings settings, ContactKeys keys, SmsOutbox outbox, Clock clock,
             Supplier<SmsSender> sender, Function<String, SmsSender> senderVia, Function<String, LiveStore> liveVia) {
        this.senderVia = senderVia;
        this.liveVia = liveVia;
        this.live = live;
        this.conversations = conversations;
        this.settings = settings;
        this.keys = keys;
        this.outbox = outbox;
        this.clock = clock;
        this.sender = sender;
        this.reports = new DeliveryReports(live, this::contactTtl, this::lives, this::tellAdvocate);
    }

    /** Twilio's reports of what became of this program's texts. */
    DeliveryReports reports() {
        return reports;
    }

    void onEvent(LiveEvent event) {
        Future<Void> relayed;
        if (event instanceof LiveEvent.MessageAdded m) relayed = onMessage(m.conversation(), m.message());
        else if (event instanceof LiveEvent.Assigned a) relayed = onAssigned(a);
        else if (event instanceof LiveEvent.Transferred t) relayed = onTransferred(t);
        else if (event instanceof LiveEvent.Ended e) relayed = onEnded(e);
        else if (event instanceof LiveEvent.ReferralNews r && r.toSurvivor() != null) relayed = onReferral(r);
        else return;
        relayed.onFailure(e -> LOG.warning("SMS: an event was not relayed: " + e.getClass().getSimpleName()));
    }

    private Future<Void> onMessage(String conversation, ChatMessage m) {
        if (m.from() == Sender.SURVIVOR) return Future.succeededFuture();
        return contactOf(conversation).compose(contact -> contact == null ? Future.succeededFuture()
                : claimed(conversation, "msg:" + m.seq()).compose(mine -> mine
                        ? deliver(conversation, contact, m.text()) : Future.succeededFuture()));
    }

    private Future<Void> onAssigned(LiveEvent.Assigned a) {
        return contactOf(a.conversation()).compose(contact -> contact == null ? Future.succeededFuture()
                : claimed(a.conversation(), "assigned").compose(mine -> mine
                        ? deliver(a.conversation(), contact, SmsTexts.assigned(contact.lang(), a.advocateName()))
                        : Future.succeededFuture()));
    }

    private Future<Void> onTransferred(LiveEvent.Transferred t) {
        return contactOf(t.conversation()).compose(contact -> contact == null ? Future.succeededFuture()
                : claimed(t.conversation(), "transfer:" + t.fromAdvocate() + ">" + t.toAdvocate()).compose(mine -> mine
                        ? deliver(t.conversation(), contact, SmsTexts.transferred(contact.lang(), t.toName()))
                        : Future.succeededFuture()));
    }

    /** A warm referral offered to a texter, or no longer open; their answer is a keyword ({@link InboundTexts}). */
    private Future<Void> onReferral(LiveEvent.ReferralNews r) {
        JsonObject frame = new JsonObject(r.toSurvivor());
        String offer = frame.getString("offer");
        boolean offered = "referral.offer".equals(frame.getString("type"));
        boolean gone = "referral.closed".equals(frame.getString("type")) && !"declined".equals(frame.getString("state"));
        if (!offered && !gone) return Future.succeededFuture();
        return contactOf(r.conversation()).compose(contact -> contact == null ? Future.succeededFuture()
                : claimed(r.conversation(), "referral:" + offer + (offered ? "" : ":gone")).compose(mine -> !mine ? Future.succeededFuture()
                : deliver(r.conversation(), contact, offered
                        ? SmsTexts.referralOffer(contact.lang(), frame.getString("agency"), frame.getString("reason"),
                                frame.getBoolean("open", true), frame.getBoolean("staffed", true))
                        : SmsTexts.referralGone(contact.lang()))));
    }

    /**
     * The conversation is already purged; its contact is taken here, which both claims the end for
     * this node and removes the number from the live store. A block keeps only the number's HMAC.
     */
    private Future<Void> onEnded(LiveEvent.Ended e) {
        return live.take(SmsKeys.contact(e.conversation())).compose(value -> {
            SmsContact contact = SmsContact.decode(value);
            if (contact == null) return Future.succeededFuture();
            String key = keys.of(contact.number());
            Future<Void> blocked = e.reason() == EndReason.BLOCKED && SmsKeys.blockDays(settings.get()) > 0
                    ? live.putExpiring(SmsKeys.blocked(key), "1", Duration.ofDays(SmsKeys.blockDays(settings.get())))
                    : Future.succeededFuture();
            // Safety exit, block, quick exit and STOP end silently: a text then could reach the wrong eyes or break a carrier rule.
            String text = SmsTexts.ended(contact.lang(), e.reason());
            // The via mark goes with the chat, texted or not (a chat referred on ends silently).
            Future<Void> goodbye = blocked.compose(v -> live.take(SmsKeys.via(e.conversation())))
                    .compose(via -> text == null ? Future.succeededFuture() : send(null, via, contact, text));
            // Nobody is left to hear of a text's fate (the goodbye belongs to no conversation): its SIDs go too.
            return Future.all(goodbye, reports.ended(e.conversation())).mapEmpty();
        });
    }

    /** Whether a conversation is still in the live store: gone (or ended) once its end has begun. */
    private Future<Boolean> lives(String conversation) {
        return live.conversation(conversation).map(c -> c != null && c.state() != ConversationState.ENDED);
    }

    /** The SMS contact of a live conversation, or null for web conversations and ended ones. */
    Future<SmsContact> contactOf(String conversation) {
        return live.conversation(conversation).compose(c -> {
            if (c == null || c.channel() != Channel.SMS || c.contact() == null) return Future.succeededFuture(null);
            return live.peek(SmsKeys.contact(c.id())).map(v -> v != null ? SmsContact.decode(v) : fromConversation(c));
        });
    }

    private static SmsContact fromConversation(Conversation c) {
        return new SmsContact(c.contact(), c.lang());
    }

    private Future<Boolean> claimed(String conversation, String what) {
        return live.increment(SmsKeys.claim(conversation, what), CLAIM_TTL).map(n -> n == 1);
    }

    /**
     * Sends unless the texter opted out, and tells the conversation's advocate when it could not
     * (conversation null: nobody to tell).
     */
    Future<Void> deliver(String conversation, SmsContact contact, String text) {
        Future<String> via = conversation == null ? Future.succeededFuture() : live.peek(SmsKeys.via(conversation));
        return via.compose(program -> send(conversation, program, contact, text));
    }

    /**
     * The first reply to a texter just queued, worded when its turn in the number's outbox lane comes ({@link SmsOutbox}),
     * not when their text came in: an advocate may accept in between, and their greeting may be sent before it (it
     * left first, or from another node). Still waiting: the place in line. Taken: no place in line (the texter must not
     * be told they are in line after being greeted), only the rest. Ended (STOP, a block): nothing. On one node this is
     * exact (the greeting shares the lane); a greeting from another node can still cross a reply already on its way.
     */
    void firstReply(String conversation, SmsContact contact, int position, boolean media) {
        send(null, null, contact, asItLeaves(conversation, c -> SmsTexts.firstReply(contact.lang(), c.isQueued() ? position : null, media)));
    }

    /**
     * Where a texter whose chat a warm referral just moved here now is, worded as it leaves for the same reason as
     * {@link #firstReply}: an advocate here may take the chat at once. Still waiting: the place in line at the agency;
     * taken: only the agency's name (they must learn whom they are texting now); ended: nothing.
     *
     * @param via the program the texter texted, whose number this leaves from; null when they texted this one
     */
    void referralMoved(String conversation, String via, SmsContact contact, String agency, int position) {
        send(conversation, via, contact, asItLeaves(conversation,
                c -> SmsTexts.referralMoved(contact.lang(), agency, c.isQueued() ? position : null)));
    }

    /**
     * A consented warm referral that failed: the chat stays here, and the texter, who was told nothing else, learns
     * that they were not connected with {@code agency} and are still in this conversation. Worded as it leaves: a chat
     * that ended meanwhile is sent nothing.
     *
     * @param via the program the texter texted, whose number this leaves from; null when they texted this one
     */
    void referralFailed(String conversation, String via, SmsContact contact, String agency) {
        send(conversation, via, contact, asItLeaves(conversation,
                c -> c.state() == ConversationState.ENDED ? null : SmsTexts.referralFailed(contact.lang(), agency)));
    }

    /** A text's words from its conversation as it is when the text's turn in the lane comes; none once it ended. */
    private Supplier<Future<String>> asItLeaves(String conversation, Function<Conversation, String> words) {
        return () -> live.conversation(conversation).map(c -> c == null ? null : words.apply(c));
    }

    /** @param via the program whose number the text leaves from, null for this program's own */
    private Future<Void> send(String conversation, String via, SmsContact contact, String text) {
        return send(conversation, via, contact, () -> Future.succeededFuture(text));
    }

    private Future<Void> send(String conversation, String via, SmsContact contact, Supplier<Future<String>> text) {
        String key = keys.of(contact.number());
        // A texter's opt-out word is kept by the program whose number they texted (InboundTexts), which may be the via one.
        LiveStore texted = via == null ? null : liveVia.apply(via);
        Future<String> optedOutThere = texted == null ? Future.succeededFuture() : texted.peek(SmsKeys.optedOut(key));
        return Future.all(live.peek(SmsKeys.optedOut(key)), optedOutThere).compose(marks -> {
            if (marks.resultAt(0) != null || marks.resultAt(1) != null) {
                return tellAdvocate(conversation, SmsFailure.Kind.OPTED_OUT.advocateMessageKey);
            }
            return outbox.send(via == null ? sender.get() : senderVia.apply(via), key, contact.number(), text)
                    .compose(sids -> reports.sent(conversation, sids))
                    .recover(e -> failed(conversation, key, SmsFailure.classify(e)));
        });
    }

    /**
     * The confirmation of an opt-out, the one text a number may still get after opting out, so the
     * opt-out is not checked. It belongs to no conversation: a failure has nobody to tell.
     */
    Future<Void> confirmOptOut(SmsContact contact, String text) {
        String key = keys.of(contact.number());
        return outbox.send(sender.get(), key, contact.number(), text).<Void>mapEmpty()
                .recover(e -> failed(null, key, SmsFailure.classify(e)));
    }

    private Future<Void> failed(String conversation, String key, SmsFailure failure) {
        Future<Void> marked = failure.kind() == SmsFailure.Kind.OPTED_OUT
                ? live.putExpiring(SmsKeys.optedOut(key), "1", OPT_OUT_MEMORY) : Future.succeededFuture();
        return marked.compose(v -> tellAdvocate(conversation, failure.kind().advocateMessageKey));
    }

    /** An error on the conversation in its advocate's console; queued or ended ones have nobody to tell. */
    Future<Void> tellAdvocate(String conversation, String messageKey) {
        if (conversation == null) return Future.succeededFuture();
        return live.conversation(conversation).map(c -> {
            if (c != null && c.isActive()) live.publish(new LiveEvent.AdvocateNotice(c.id(), c.advocate(), "unavailable", messageKey));
            return null;
        });
    }

    /**
     * The number lives as long as its conversation may, plus one minute: the timeout sweep (every 15 s)
     * ends a conversation at its cap and still needs the number to send the goodbye text.
     */
    Duration contactTtl() {
        return conversations.timeouts().maxLifetime().plus(CONTACT_END_MARGIN);
    }

    /**
     * What is left of {@link #contactTtl} for conversation {@code c}, counted from its creation: a rewrite of its
     * contact must not start the number's countdown again. Zero or less: the number is due to be gone.
     */
    Duration contactTtlLeft(Conversation c) {
        return contactTtl().minus(Duration.between(c.createdAt(), clock.instant()));
    }

    static final Duration CONTACT_END_MARGIN = Duration.ofMinutes(1);
}
