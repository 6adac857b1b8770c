package org.hearthhub.audit;

import java.util.regex.Pattern;

/**
 * What the audit log keeps of a staff member's action on a conversation ({@code conversation.*},
 * {@code video.*}, {@code audio.*}): who, the channel and the reason (at the minute, as every entry). Never the
 * conversation's id, so that no entry can later be matched against a survivor's device, the live store
 * or a copy of either. A target other than a channel name (web, sms) is dropped, whoever passes it.
 */
final class ConversationEvents {
    private static final Pattern CHANNEL = Pattern.compile("[a-z]{1,12}");

    private ConversationEvents() {
    }

    static boolean covers(String action) {
        return action.startsWith("conversation.") || action.startsWith("video.") || action.startsWith("audio.");
    }

    static AuditRecord withoutConversation(AuditRecord r) {
        if (!covers(r.action())) return r;
        String channel = r.target() != null && CHANNEL.matcher(r.target()).matches() ? r.target() : null;
        return new AuditRecord(r.at(), r.actor(), r.action(), channel, r.detail());
    }
}
