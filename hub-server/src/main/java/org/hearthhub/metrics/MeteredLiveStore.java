package org.hearthhub.metrics;

import io.vertx.core.Future;
import org.hearthhub.auth.StaffSession;
import org.hearthhub.chat.ChatMessage;
import org.hearthhub.chat.Conversation;
import org.hearthhub.chat.Sender;
import org.hearthhub.chat.Shift;
import org.hearthhub.live.AppendResult;
import org.hearthhub.live.AssignResult;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A live store that counts what this node's conversation service does through it: conversations
 * started, queue waits, and the messages and ends it publishes. Counting at the publishing node
 * (not where events are received) keeps a sum over several nodes right. Every call is passed on
 * unchanged; nothing about a conversation but its channel, sender or end reason is looked at.
 */
final class MeteredLiveStore implements LiveStore {
    private final LiveStore delegate;
    private final HubMetrics metrics;

    MeteredLiveStore(LiveStore delegate, HubMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public Future<Conversation> enqueue(Conversation conversation, int queueCap) {
        return delegate.enqueue(conversation, queueCap).onSuccess(c -> metrics.started(c.channel()));
    }

    @Override
    public Future<AssignResult> assign(String conversationId, String advocate, String advocateName, int capacity, Instant at) {
        return delegate.assign(conversationId, advocate, advocateName, capacity, at).onSuccess(r -> {
            if (r.outcome() == AssignResult.Outcome.ASSIGNED && r.conversation() != null) {
                metrics.waited(Duration.between(r.conversation().createdAt(), at));
            }
        });
    }

    @Override
    public void publish(LiveEvent event) {
        if (event instanceof LiveEvent.MessageAdded m) metrics.message(m.message().from());
        else if (event instanceof LiveEvent.Ended e) metrics.ended(e.reason());
        delegate.publish(event);
    }

    // ---- passed through unchanged

    @Override
    public Future<Conversation> conversation(String id) {
        return delegate.conversation(id);
    }

    @Override
    public Future<String> conversationByTokenHash(String tokenHash) {
        return delegate.conversationByTokenHash(tokenHash);
    }

    @Override
    public Future<String> conversationByContactKey(String contactKey) {
        return delegate.conversationByContactKey(contactKey);
    }

    @Override
    public Future<Void> bindContactKey(String conversationId, String contactKey) {
        return delegate.bindContactKey(conversationId, contactKey);
    }

    @Override
    public Future<List<Conversation>> queue() {
        return delegate.queue();
    }

    @Override
    public Future<List<Conversation>> liveConversations() {
        return delegate.liveConversations();
    }

    @Override
    public Future<AssignResult> transfer(String conversationId, String fromAdvocate, String toAdvocate, String toName,
                                         int toCapacity, Instant at) {
        return delegate.transfer(conversationId, fromAdvocate, toAdvocate, toName, toCapacity, at);
    }

    @Override
    public Future<Map<String, Integer>> holdings() {
        return delegate.holdings();
    }

    @Override
    public Future<AppendResult> append(String conversationId, Sender from, String clientId, String text, Instant at) {
        return delegate.append(conversationId, from, clientId, text, at);
    }

    @Override
    public Future<List<ChatMessage>> messagesAfter(String conversationId, long afterSeq) {
        return delegate.messagesAfter(conversationId, afterSeq);
    }

    @Override
    public Future<Conversation> end(String conversationId, Instant at) {
        return delegate.end(conversationId, at);
    }

    @Override
    public Future<Void> putShift(Shift shift) {
        return delegate.putShift(shift);
    }

    @Override
    public Future<Void> removeShift(String username) {
        return delegate.removeShift(username);
    }

    @Override
    public Future<List<Shift>> shifts() {
        return delegate.shifts();
    }

    @Override
    public Future<Void> putSession(String sessionHash, StaffSession session, Duration idleTtl) {
        return delegate.putSession(sessionHash, session, idleTtl);
    }

    @Override
    public Future<StaffSession> touchSession(String sessionHash, Duration idleTtl) {
        return delegate.touchSession(sessionHash, idleTtl);
    }

    @Override
    public Future<Void> removeSession(String sessionHash) {
        return delegate.removeSession(sessionHash);
    }

    @Override
    public Future<StaffSession> peekSession(String sessionHash) {
        return delegate.peekSession(sessionHash);
    }

    @Override
    public Future<List<String>> indexUserSession(String username, String sessionHash, int keep, Duration ttl) {
        return delegate.indexUserSession(username, sessionHash, keep, ttl);
    }

    @Override
    public Future<List<String>> takeUserSessions(String username) {
        return delegate.takeUserSessions(username);
    }

    @Override
    public Future<Long> increment(String key, Duration window) {
        return delegate.increment(key, window);
    }

    @Override
    public Future<Void> resetCounter(String key) {
        return delegate.resetCounter(key);
    }

    @Override
    public Future<Void> putExpiring(String key, String value, Duration ttl) {
        return delegate.putExpiring(key, value, ttl);
    }

    @Override
    public Future<String> take(String key) {
        return delegate.take(key);
    }

    @Override
    public Future<String> peek(String key) {
        return delegate.peek(key);
    }

    @Override
    public Future<Void> recordWait(long seconds) {
        return delegate.recordWait(seconds);
    }

    @Override
    public Future<List<Long>> recentWaits() {
        return delegate.recentWaits();
    }

    @Override
    public void subscribe(Consumer<LiveEvent> subscriber) {
        delegate.subscribe(subscriber);
    }

    @Override
    public Future<Void> close() {
        return delegate.close();
    }
}
