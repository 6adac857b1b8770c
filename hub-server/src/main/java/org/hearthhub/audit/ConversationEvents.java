package org.hearthhub.audit;

import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * What the audit log keeps of a staff member's action on a conversation ({@code conversation.*},
 * {@code video.*}): who, the channel, the reason, and the time to the minute. Never the conversation's
 * id nor its exact time, so that no entry can later be matched against a survivor's device, the live
 * store or a copy of either. A target other than a channel name (web, sms) is dropped, whoever passes it.
 */
final class ConversationEvents {
    private static final Pattern CHANNEL = Pattern.compile("[a-z]{1,12}");

    private ConversationEvents() {
    }

    static boolean covers(String action) {
        return action.startsWith("conversation.") || action.startsWith("video.");
    }

    static AuditRecord coarsen(AuditRecord r) {
        if (!covers(r.action())) return r;
        String channel = r.target() != null && CHANNEL.matcher(r.target()).matches() ? r.target() : null;
        return new AuditRecord(r.at().truncatedTo(ChronoUnit.MINUTES), r.actor(), r.action(), channel, r.detail());
    }
}
