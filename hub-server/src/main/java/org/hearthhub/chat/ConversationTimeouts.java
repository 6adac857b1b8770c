package org.hearthhub.chat;

import io.vertx.core.Future;
import org.hearthhub.actor.Actor;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.LiveStore;
import org.hearthhub.model.Channel;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.EndReason;
import org.hearthhub.settings.CurrentSettings;
import org.hearthhub.settings.ProgramSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a conversation may last (idle, and at most) and the sweep that ends those past it: the hub's
 * ceiling, lowered by the lead's retention settings, never raised.
 */
public final class ConversationTimeouts {
    /** Ends a live conversation: {@link ConversationService#end}. */
    interface Ender {
        Future<Conversation> end(String conversationId, EndReason reason, Actor actor);
    }

    private final LiveStore live;
    private final CurrentSettings settings;
    private final HubConfig config;
    private final Clock clock;
    private final Ender ender;

    ConversationTimeouts(LiveStore live, CurrentSettings settings, HubConfig config, Clock clock, Ender ender) {
        this.live = live;
        this.settings = settings;
        this.config = config;
        this.clock = clock;
        this.ender = ender;
    }

    public Duration idleTimeout() {
        ProgramSettings.Retention r = settings.get().retention();
        return Duration.ofMinutes(atMost(config.retention().idleTimeoutMinutes(), r == null ? null : r.idleTimeoutMinutes()));
    }

    public Duration maxLifetime() {
        ProgramSettings.Retention r = settings.get().retention();
        return Duration.ofHours(atMost(config.retention().maxConversationHours(), r == null ? null : r.maxConversationHours()));
    }

    /** The hub's ceiling, lowered by the lead's setting when there is one. */
    private static int atMost(int ceiling, Integer lead) {
        return lead == null ? ceiling : Math.min(ceiling, lead);
    }

    /**
     * Ends every conversation idle past the idle timeout or older than the maximum lifetime ({@code timeout}),
     * and every queued one whose survivor has been away longer than the grace ({@code away}); returns how many
     * it ended.
     */
    public Future<Integer> sweep() {
        Instant now = clock.instant();
        Future<List<String>> away = live.awayBefore(now.minusSeconds(config.queue().awayGraceSeconds()));
        Future<List<String>> timedOut = live.timedOut(now.minus(idleTimeout()), now.minus(maxLifetime()));
        return Future.all(away, timedOut).compose(all -> {
            List<Future<Conversation>> ended = new ArrayList<>();
            for (String id : away.result()) ended.add(ender.end(id, EndReason.AWAY, Actor.Party.SYSTEM));
            for (String id : timedOut.result()) {
                if (!away.result().contains(id)) ended.add(endTimedOut(id, now));
            }
            // Counted as ended only when they were: a call that merely had no messages is left to Twilio's reports.
            return Future.join(ended).map(cf -> (int) ended.stream().filter(f -> f.succeeded() && f.result() != null).count());
        });
    }

    /**
     * A hotline call has no messages to show activity: while it lasts (Twilio reports its end) it is ended
     * only at the maximum lifetime, never for being idle.
     */
    private Future<Conversation> endTimedOut(String id, Instant now) {
        return live.conversation(id).compose(c -> c != null && c.channel() == Channel.PHONE && c.createdAt().isAfter(now.minus(maxLifetime()))
                ? Future.succeededFuture(null)
                : ender.end(id, EndReason.TIMEOUT, Actor.Party.SYSTEM));
    }
}
