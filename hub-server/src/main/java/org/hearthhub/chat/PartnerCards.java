package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.AppendResult;
import org.hearthhub.settings.Partner;
import org.hearthhub.settings.ProgramPartners;
import org.hearthhub.sharing.Sharing;
import org.hearthhub.sharing.SharingRegister;

import java.util.List;
import java.util.regex.Pattern;
import java.util.logging.Logger;

/**
 * An advocate sends a partner from the program's directory to the survivor: the partner's card, built by
 * the hub from the directory (so only what the lead saved can reach the survivor), goes as a referral
 * message, and the referral is recorded in the sharing register (nothing shared, by consent: the survivor
 * only receives the partner's contacts). The register learns the partner and the advocate, never the
 * conversation. Entries the program adopted from its coalition's directory are sent as its own are.
 */
public final class PartnerCards {
    private static final Logger LOG = Logger.getLogger(PartnerCards.class.getName());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final ConversationService conversations;
    private final ProgramPartners partners;
    private final SharingRegister register;

    public PartnerCards(ConversationService conversations, ProgramPartners partners, SharingRegister register) {
        this.conversations = conversations;
        this.partners = partners;
        this.register = register;
    }

    /** Refused with 404 {@code error.partner.unknown} for an id the directory does not hold; else as a referral message is. */
    public Future<AppendResult> send(String username, String conversationId, String clientId, String partnerId) {
        if (partnerId == null || !ID.matcher(partnerId).matches()) return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        return partners.find(partnerId).compose(found -> {
            Partner partner = found.orElse(null);
            if (partner == null) return Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND, "error.partner.unknown"));
            return conversations.advocateReferrals(username, conversationId, clientId, List.of(partner.toReferral()))
                    .compose(sent -> register.record(Sharing.card(register.programId(), partner.program(), partner.name(), username))
                            .onFailure(e -> LOG.warning("a partner card was sent but the sharing register did not record it: "
                                    + e.getClass().getSimpleName()))
                            .map(sent));
        });
    }
}
