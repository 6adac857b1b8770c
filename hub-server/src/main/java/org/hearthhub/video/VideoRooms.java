package org.hearthhub.video;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.hearthhub.actor.Actor;
import org.hearthhub.audit.AuditLog;
import org.hearthhub.chat.ConversationService;
import org.hearthhub.config.HubConfig;
import org.hearthhub.error.ErrorCode;
import org.hearthhub.error.Refusal;
import org.hearthhub.i18n.Messages;
import org.hearthhub.live.ExpiringValueStore;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveEvents;
import org.hearthhub.model.Conversation;
import org.hearthhub.util.Ids;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ephemeral Jitsi rooms attached to conversations. Only the advocate holding a live conversation can
 * offer one; the hub then signs two tokens for one unguessable room (the advocate moderates, the
 * survivor is a guest called "Guest") and each side gets its own through a {@link LiveEvent.VideoOffered}.
 * The hub never talks to Jitsi: it only mints tokens, and stops minting once the conversation ends.
 *
 * <p>The room is remembered per conversation in the live store, so a second offer (the advocate's
 * console reloaded) reuses it with fresh tokens; it is forgotten when the conversation ends or is
 * transferred, so a later offer never reuses a room an earlier advocate holds a token for.
 */
public final class VideoRooms {
    private static final String ROOM_KEY = "video:room:";
    /** 24 random bytes: Jitsi lowercases room names, which still leaves about 166 bits of the 192. */
    private static final int ROOM_BYTES = 24;

    private final Vertx vertx;
    private final String domain;
    private final RoomTokens tokens;
    private final Duration tokenLifetime;
    private final ConversationService conversations;
    private final LiveEvents events;
    private final ExpiringValueStore values;
    private final AuditLog audit;
    private final Clock clock;
    /** Offers being prepared on this node, so that a double click yields one room, not two. */
    private final Map<String, Future<String>> roomsInFlight = new ConcurrentHashMap<>();

    /**
     * @param tokens from {@link RoomTokens#load}; null when video is off, and then every offer is refused
     */
    public VideoRooms(Vertx vertx, HubConfig.Jitsi config, RoomTokens tokens, ConversationService conversations,
                      LiveEvents events, ExpiringValueStore values, AuditLog audit, Clock clock) {
        this.vertx = vertx;
        this.domain = tokens == null ? null : config.domain();
        this.tokens = tokens;
        this.tokenLifetime = Duration.ofMinutes(config.tokenMinutes());
        this.conversations = conversations;
        this.events = events;
        this.values = values;
        this.audit = audit;
        this.clock = clock;
        events.subscribe(this::onEvent);
    }

    /** Whether video is configured; the console hides its offer button when it is not. */
    public boolean videoEnabled() {
        return tokens != null;
    }

    /** The Jitsi host the widget and console may load the IFrame API from, when video is on. */
    public Optional<String> domain() {
        return Optional.ofNullable(domain);
    }

    /**
     * Offers a video or voice call in a conversation this advocate holds, and publishes it to both sides.
     * Fails with {@code forbidden} when video is off or another advocate holds the conversation,
     * {@code not_found} when it has ended. Both kinds share the conversation's room.
     */
    public Future<VideoOffer> offer(String advocate, String conversationId, CallMedia media) {
        if (tokens == null) return Future.failedFuture(new Refusal(ErrorCode.FORBIDDEN, "error.video_off"));
        return conversations.held(advocate, conversationId).compose(c -> {
            // A caller has only their phone, a texter only their phone's messages: there is no widget to open a room in,
            // and nothing would carry the survivor's token to them (no room is made, no token minted).
            if (c.channel() == org.hearthhub.model.Channel.PHONE) {
                return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.phone_call"));
            }
            if (c.channel() == org.hearthhub.model.Channel.SMS) {
                return Future.failedFuture(new Refusal(ErrorCode.BAD_REQUEST, "error.sms_call"));
            }
            Instant now = clock.instant();
            Instant lifetimeEnd = c.createdAt().plus(conversations.timeouts().maxLifetime());
            Instant expires = earlier(now.plus(tokenLifetime), lifetimeEnd);
            // Past its maximum lifetime the conversation is as good as ended; the sweep just has not run yet.
            if (!expires.isAfter(now)) return Future.failedFuture(new Refusal(ErrorCode.NOT_FOUND));
            // The room name is kept no longer than the conversation may live, which is never before its tokens expire.
            return roomFor(c.id(), Duration.between(now, lifetimeEnd))
                    .compose(room -> sign(c, room, now, expires, media))
                    .compose(offer -> audit.record(Actor.staff(advocate), media.auditAction(), c.channel().wire(), null).map(offer))
                    // Still theirs after the signing (off the loop) and the audit: a chat transferred meanwhile gets no call
                    // the advocate who asked for it could no longer join.
                    .compose(offer -> conversations.held(advocate, conversationId).map(offer))
                    .onSuccess(offer -> events.publish(new LiveEvent.VideoOffered(c.id(), advocate, offer.room(), offer.url(),
                            offer.domain(), offer.survivorJwt(), offer.advocateJwt(), media.wire())));
        });
    }

    private Future<VideoOffer> sign(Conversation c, String room, Instant now, Instant expires, CallMedia media) {
        // RSA signing is CPU work: keep it off the event loop.
        return vertx.executeBlocking(() -> {
            // Both names are shown to the other side, so both are in the survivor's language.
            String advocateName = c.advocateName() != null ? c.advocateName() : Messages.text(c.lang(), "video.advocate");
            String advocateJwt = tokens.mint(room, new Participant(advocateName, true), now, expires);
            String survivorJwt = tokens.mint(room, new Participant(Messages.text(c.lang(), "video.guest"), false), now, expires);
            String path = tokens.roomPath(room);
            return new VideoOffer(c.id(), domain, path, "https://" + domain + "/" + path, advocateJwt, survivorJwt, media);
        }, false);
    }

    private Future<String> roomFor(String conversationId, Duration ttl) {
        Promise<String> promise = Promise.promise();
        Future<String> pending = roomsInFlight.putIfAbsent(conversationId, promise.future());
        if (pending != null) return pending;
        // Set-if-absent: two nodes offering at once must agree on one room.
        String candidate = Ids.random(ROOM_BYTES).toLowerCase(Locale.ROOT);
        values.putIfAbsent(ROOM_KEY + conversationId, candidate, ttl).onComplete(result -> {
            roomsInFlight.remove(conversationId, promise.future());
            promise.handle(result);
        });
        return promise.future();
    }

    /** Forgets a conversation's room when it ends or changes hands (every node hears this; take is idempotent). */
    private void onEvent(LiveEvent event) {
        String conversation = null;
        if (event instanceof LiveEvent.Ended e) conversation = e.conversation();
        else if (event instanceof LiveEvent.Transferred t) conversation = t.conversation();
        if (conversation != null && tokens != null) values.take(ROOM_KEY + conversation);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
