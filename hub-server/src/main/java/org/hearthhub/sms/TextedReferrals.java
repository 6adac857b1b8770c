package org.hearthhub.sms;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.ConversationState;
import org.hearthhub.model.EndReason;
import org.hearthhub.referral.WarmReferrals;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Warm referrals by text (docs/sms.md): a keyword answers the offer waiting in the texter's chat, and a chat that
 * moved keeps its texter's number. The receiving program's store learns the number (beside the chat, and its keyed
 * hash) and answers from the number the texter texted; the store of the program that owns that number keeps only
 * the keyed hash's mark of where the chat went, so the number's next texts reach it there.
 * <p>
 * The number texted is this program's, unless the chat itself came here by a warm referral: then it is the one its
 * via mark names, and a chat referred on (or back) keeps it. The texter never texted this program's number, and
 * texts to it would not find the chat.
 */
final class TextedReferrals {
    private final HostedProgram program;
    private final WarmReferrals.ProgramReferrals referrals;
    private final SmsRelay relay;
    private final Function<String, Optional<SmsLines.Line>> lines;

    /**
     * @param relay this program's
     * @param lines the SMS line of a program, by id
     */
    TextedReferrals(HostedProgram program, WarmReferrals.ProgramReferrals referrals, SmsRelay relay,
                    Function<String, Optional<SmsLines.Line>> lines) {
        this.program = program;
        this.referrals = referrals;
        this.relay = relay;
        this.lines = lines;
    }

    /** True when the text answered the offer waiting in the chat (it is then no message); false for an ordinary text. */
    Future<Boolean> answer(String conversation, String key, SmsContact contact, SmsKeyword keyword) {
        if (!keyword.answersReferral()) return Future.succeededFuture(false);
        return referrals.pendingOffer(conversation).compose(offer -> {
            if (offer == null) return Future.succeededFuture(false);
            boolean go = keyword != SmsKeyword.REFERRAL_STAY;
            String share = keyword == SmsKeyword.REFERRAL_SHARE ? "transcript" : "none";
            return texted(conversation).compose(texted -> {
                TexterArrival arrival = new TexterArrival(texted, contact);
                return referrals.answer(conversation, offer, go, go ? share : null, arrival)
                        .compose(moved -> moved == null ? Future.succeededFuture() : follow(moved, texted, key, contact))
                        .recover(e -> arrival.failedFor == null ? Future.failedFuture(e)
                                : stayed(conversation, texted, contact, arrival.failedFor, e));
            }).map(true);
        });
    }

    /**
     * The texter said YES or SHARE and the move failed (the partner's queue full, the partner gone...): their advocate
     * was told ({@link WarmReferrals}), and so is the texter, from the number they texted, while their chat is still
     * here. The text is then handled, and Twilio gets its ordinary answer (an error would leave the texter with no word
     * at all). A chat that ended meanwhile is not here to stay in: the failure goes on as before.
     */
    private Future<Void> stayed(String conversation, String texted, SmsContact contact, String agency, Throwable failure) {
        return program.live().conversation(conversation).compose(c -> {
            if (c == null || c.state() == ConversationState.ENDED) return Future.failedFuture(failure);
            // In the background, like every reply: the webhook's answer does not wait on Twilio.
            relay.referralFailed(conversation, texted.equals(program.id().value()) ? null : texted, contact, agency);
            return Future.succeededFuture();
        });
    }

    /** The program whose number the texter of this chat texts: the one its via mark names, else this one. */
    private Future<String> texted(String conversation) {
        return program.live().peek(SmsKeys.via(conversation)).map(via -> via != null ? via : program.id().value());
    }

    /**
     * Before the moved chat is queued in the partner program: the number it answers from (the one the texter texted)
     * and the texter's. An advocate there may take the chat the moment it is queued, and their greeting must not leave
     * from the partner's own number, or this program's, when the texter texted neither. A chat moved back to the
     * program whose number was texted needs no via mark: it answers from its own. Both expire with the chat's longest
     * life; a move that fails before the chat is queued takes them back.
     */
    private final class TexterArrival implements WarmReferrals.Arrival {
        private final String texted;
        private final SmsContact contact;
        /** The agency a consented move to failed, once it did; null while it has not. */
        private volatile String failedFor;

        /** @param texted the program whose number the texter texts */
        TexterArrival(String texted, SmsContact contact) {
            this.texted = texted;
            this.contact = contact;
        }

        @Override
        public Future<Void> prepare(String to, String id) {
            SmsLines.Line there = lines.apply(to).orElse(null);
            if (there == null) return Future.succeededFuture();
            LiveStore theirs = there.program().live();
            Duration ttl = there.relay().contactTtl();
            Future<Void> via = texted.equals(to) ? Future.succeededFuture() : theirs.putExpiring(SmsKeys.via(id), texted, ttl);
            return via.compose(v -> theirs.putExpiring(SmsKeys.contact(id), contact.encode(), ttl));
        }

        @Override
        public Future<Void> undo(String to, String id) {
            SmsLines.Line there = lines.apply(to).orElse(null);
            if (there == null) return Future.succeededFuture();
            LiveStore theirs = there.program().live();
            return Future.all(theirs.take(SmsKeys.contact(id)), theirs.take(SmsKeys.via(id))).mapEmpty();
        }

        @Override
        public void failed(String agency) {
            failedFor = agency;
        }
    }

    /**
     * Once the chat is queued there: the texter's next texts find it (its number's keyed hash there, the mark in the
     * store of the program whose number they text).
     */
    private Future<Void> follow(WarmReferrals.Moved moved, String texted, String key, SmsContact contact) {
        SmsLines.Line there = lines.apply(moved.program()).orElse(null);
        if (there == null) return Future.succeededFuture();
        LiveStore theirs = there.program().live();
        Duration ttl = there.relay().contactTtl();
        String id = moved.conversation();
        boolean home = texted.equals(moved.program());
        return theirs.bindContactKey(id, key, null)
                .compose(bound -> markMoved(texted, key, home ? null : moved.program(), ttl))
                .map(v -> {
                    // In the background, as the first reply: the webhook's answer does not wait on Twilio.
                    there.relay().referralMoved(id, home ? null : texted, contact, moved.agency(), moved.position());
                    return null;
                });
    }

    /**
     * Where texts to the number of program {@code texted} now go: to program {@code to}, marked in {@code texted}'s
     * store; or, {@code to} null (the chat came back there), no mark, which is removed only while it still names this
     * program (the chat's last place).
     */
    private Future<Void> markMoved(String texted, String key, String to, Duration ttl) {
        LiveStore store = lines.apply(texted).map(line -> line.program().live()).orElse(null);
        if (store == null) return Future.succeededFuture();
        return to != null ? store.putExpiring(SmsKeys.moved(key), to, ttl)
                : store.takeIf(SmsKeys.moved(key), program.id().value()).mapEmpty();
    }

    /** A chat that moved from this number's program by a warm referral, where it is now. */
    private record MovedChat(SmsLines.Line line, String conversation) {
    }

    /**
     * The live chat that texts from this number go to; null when none moved on. A mark whose chat has ended is
     * removed only while it still names that program: the chat may just have been referred on, and the new mark
     * written after this one was read.
     */
    private Future<MovedChat> moved(String key) {
        return program.live().peek(SmsKeys.moved(key)).compose(to -> {
            SmsLines.Line there = to == null || to.equals(program.id().value()) ? null : lines.apply(to).orElse(null);
            if (there == null) return Future.succeededFuture();
            return there.program().live().conversationByContactKey(key).compose(id -> id == null
                    ? program.live().takeIf(SmsKeys.moved(key), to).map((MovedChat) null)
                    : Future.succeededFuture(new MovedChat(there, id)));
        });
    }

    /** A text from a number whose chat moved to another program: handled there while that chat lives (true). */
    Future<Boolean> forward(String key, InboundSms sms) {
        return moved(key).compose(chat -> chat == null ? Future.succeededFuture(false) : chat.line().inbound().receive(sms).map(true));
    }

    /** An opt-out texted to this number, which keeps it: the chat that moved on ends there, as an opt-out ends a chat. */
    Future<Void> endMoved(String key) {
        return moved(key).compose(chat -> chat == null ? Future.succeededFuture()
                : chat.line().program().conversations().end(chat.conversation(), EndReason.SURVIVOR, Actor.Party.SMS).mapEmpty());
    }

    /**
     * An opt-in texted to this number: also lifts the opt-out that Twilio's refusal (21610) of a reply from this number
     * left beside the chat that moved on ({@link SmsRelay}), or its texts there would still be dropped unread.
     */
    Future<Void> optedInMoved(String key) {
        return moved(key).compose(chat -> chat == null ? Future.succeededFuture()
                : chat.line().program().live().take(SmsKeys.optedOut(key)).mapEmpty());
    }
}
