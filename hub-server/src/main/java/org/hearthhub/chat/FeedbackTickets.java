package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.stats.DailyStatistics;
import org.hearthhub.util.Ids;

import java.time.Duration;

/**
 * The one-time tickets with which a web survivor may answer "did this help?" after their chat ended. Only the
 * ticket's hash is kept, for the lead-set minutes, and nothing in it names the chat: the answers are counted
 * by day, like everything else about ended chats.
 */
public final class FeedbackTickets {
    private final ExpiringValueStore live;
    private final DailyStatistics stats;
    private final Duration lifetime;

    FeedbackTickets(ExpiringValueStore live, DailyStatistics stats, Duration lifetime) {
        this.live = live;
        this.stats = stats;
        this.lifetime = lifetime;
    }

    /** A new ticket, stored before it is handed out. */
    Future<String> issue() {
        String ticket = Ids.random(16);
        return live.putExpiring(key(ticket), "1", lifetime).map(ticket);
    }

    /** Takes a ticket and counts the answers; {@code not_found} when used, expired or unknown. */
    public Future<Void> submit(String ticket, int rating, boolean helped) {
        if (ticket == null || ticket.isBlank() || rating < 1 || rating > 5) {
            return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST));
        }
        return live.take(key(ticket)).compose(v -> v == null
                ? Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND))
                : stats.recordFeedback(rating, helped));
    }

    private static String key(String ticket) {
        return "feedback:" + Ids.sha256Hex(ticket);
    }
}
