package org.hearthhub.sms;

import io.vertx.core.Future;
import org.hearthhub.hosting.HostedProgram;
import org.hearthhub.live.LiveStore;
import org.hearthhub.referral.WarmReferrals;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Warm referrals by text (docs/sms.md): a keyword answers the offer waiting in the texter's chat, and a chat that
 * moved keeps its texter's number. The receiving program's store learns the number (beside the chat, and its keyed
 * hash) and answers from the number the texter texted; this program's store keeps only the keyed hash's mark of
 * where the chat went, so the number's next texts reach it there.
 */
final class TextedReferrals {
    private final HostedProgram program;
    private final WarmReferrals.ProgramReferrals referrals;
    private final Function<String, Optional<SmsLines.Line>> lines;

    /** @param lines the SMS line of a program, by id */
    TextedReferrals(HostedProgram program, WarmReferrals.ProgramReferrals referrals, Function<String, Optional<SmsLines.Line>> lines) {
        this.program = program;
        this.referrals = referrals;
        this.lines = lines;
    }

    /** True when the text answered the offer waiting in the chat (it is then no message); false for an ordinary text. */
    Future<Boolean> answer(String conversation, String key, SmsContact contact, SmsKeyword keyword) {
        if (!keyword.answersReferral()) return Future.succeededFuture(false);
        return referrals.pendingOffer(conversation).compose(offer -> {
            if (offer == null) return Future.succeededFuture(false);
            boolean go = keyword != SmsKeyword.REFERRAL_STAY;
            String share = keyword == SmsKeyword.REFERRAL_SHARE ? "transcript" : "none";
            return referrals.answer(conversation, offer, go, go ? share : null, new TexterArrival(contact))
                    .compose(moved -> moved == null ? Future.succeededFuture() : follow(moved, key, contact))
                    .map(true);
        });
    }

    /**
     * Before the moved chat is queued in the partner program: the number it answers from (this program's) and the
     * texter's. An advocate there may take the chat the moment it is queued, and their greeting must not leave from
     * the partner's own number, one the texter never texted. Both expire with the chat's longest life; a move that
     * fails before the chat is queued takes them back.
     */
    private final class TexterArrival implements WarmReferrals.Arrival {
        private final SmsContact contact;

        TexterArrival(SmsContact contact) {
            this.contact = contact;
        }

        @Override
        public Future<Void> prepare(String to, String id) {
            SmsLines.Line there = lines.apply(to).orElse(null);
            if (there == null) return Future.succeededFuture();
            LiveStore theirs = there.program().live();
            Duration ttl = there.relay().contactTtl();
            return theirs.putExpiring(SmsKeys.via(id), program.id().value(), ttl)
                    .compose(v -> theirs.putExpiring(SmsKeys.contact(id), contact.encode(), ttl));
        }

        @Override
        public Future<Void> undo(String to, String id) {
            SmsLines.Line there = lines.apply(to).orElse(null);
            if (there == null) return Future.succeededFuture();
            LiveStore theirs = there.program().live();
            return Future.all(theirs.take(SmsKeys.contact(id)), theirs.take(SmsKeys.via(id))).mapEmpty();
        }
    }

    /** Once the chat is queued there: the texter's next texts find it (its number's keyed hash there, the mark here). */
    private Future<Void> follow(WarmReferrals.Moved moved, String key, SmsContact contact) {
        SmsLines.Line there = lines.apply(moved.program()).orElse(null);
        if (there == null) return Future.succeededFuture();
        LiveStore theirs = there.program().live();
        Duration ttl = there.relay().contactTtl();
        String id = moved.conversation();
        return theirs.bindContactKey(id, key, null)
                .compose(bound -> program.live().putExpiring(SmsKeys.moved(key), moved.program(), ttl))
                .map(v -> {
                    // In the background, as the first reply: the webhook's answer does not wait on Twilio.
                    there.relay().referralMoved(id, program.id().value(), contact, moved.agency(), moved.position());
                    return null;
                });
    }

    /** A text from a number whose chat moved to another program: handled there while that chat lives (true). */
    Future<Boolean> forward(String key, InboundSms sms) {
        return program.live().peek(SmsKeys.moved(key)).compose(to -> {
            SmsLines.Line there = to == null ? null : lines.apply(to).orElse(null);
            if (there == null) return Future.succeededFuture(false);
            return there.program().live().conversationByContactKey(key).compose(id -> id == null
                    ? program.live().take(SmsKeys.moved(key)).map(false)
                    : there.inbound().receive(sms).map(true));
        });
    }
}
