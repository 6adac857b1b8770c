package org.hearthhub.ws;

import io.vertx.core.json.JsonObject;
import org.hearthhub.live.LiveEvent;
import org.hearthhub.model.SocketSide;
import org.hearthhub.model.SurvivorSocketClosing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * This node's open sockets, indexed by conversation and by advocate, and the router of live events
 * to them. Events from any node arrive here; only sockets this node holds are touched.
 */
final class SocketDirectory {
    private final Map<String, Set<SurvivorSocket>> survivorsByConversation = new ConcurrentHashMap<>();
    private final Set<SurvivorSocket> survivors = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<AdvocateSocket>> advocatesByUser = new ConcurrentHashMap<>();
    private final Set<AdvocateSocket> advocates = ConcurrentHashMap.newKeySet();
    /** Advocate sockets by the conversations they show: a message finds its console without a scan of every console. */
    private final Map<String, Set<AdvocateSocket>> watchersByConversation = new ConcurrentHashMap<>();
    private final QueueBroadcaster queueBroadcaster;
    /** Survivor sockets one chat may have here: past it, the oldest gives way ({@code limits.socketsPerChat}). */
    private final int socketsPerChat;
    /** Consoles one account may have here: past it, the oldest gives way ({@code limits.consolesPerAccount}). */
    private final int consolesPerAccount;
    private final SocketCounts counts;
    /** What each open socket's endpoint keeps up for it (cap, pings, start deadline), ended as the socket leaves. */
    private final Map<Object, SocketUpkeep> upkeep = new ConcurrentHashMap<>();

    SocketDirectory(QueueBroadcaster queueBroadcaster, int socketsPerChat, int consolesPerAccount, SocketCounts counts) {
        this.queueBroadcaster = queueBroadcaster;
        this.socketsPerChat = socketsPerChat;
        this.consolesPerAccount = consolesPerAccount;
        this.counts = counts;
    }

    /** A survivor socket is closed to guard its chat against a token used over and over. */
    void closing(SurvivorSocketClosing why) {
        counts.survivorSocketClosed(why);
    }

    /** A frame over a socket's flood budget was dropped, on this side. */
    void overBudget(SocketSide side) {
        counts.frameOverBudget(side);
    }

    /** Ends {@code upkeep} when {@code socket} is removed (closes). */
    void keepUp(Object socket, SocketUpkeep upkeep) {
        this.upkeep.put(socket, upkeep);
    }

    private void endUpkeep(Object socket) {
        SocketUpkeep ended = upkeep.remove(socket);
        if (ended != null) ended.end();
    }

    /** Every frame a socket sends passes here, so error frames can be counted by code (and nothing else). */
    void sent(JsonObject frame) {
        if ("error".equals(frame.getString("type"))) counts.errorSent(frame.getString("code"));
    }

    void add(SurvivorSocket s) {
        survivors.add(s);
    }

    /**
     * Files {@code s} under its chat. When the chat already had {@code socketsPerChat} sockets here, the oldest is
     * taken out and returned, for the caller to close; else null. The newest wins: it is the one a survivor just
     * reloaded or reconnected, while an old one may be a socket a changed network left open.
     */
    SurvivorSocket bind(SurvivorSocket s, String conversation) {
        return file(survivorsByConversation, conversation, s, socketsPerChat);
    }

    void unbind(SurvivorSocket s, String conversation) {
        unfile(survivorsByConversation, conversation, s);
    }

    void remove(SurvivorSocket s) {
        endUpkeep(s);
        survivors.remove(s);
        if (s.conversation() != null) unbind(s, s.conversation());
    }

    /**
     * Files a console under its account. When the account already had {@code consolesPerAccount} consoles here, the
     * oldest is taken out in the same step and gives way: it hears nothing more, and closes (4409).
     */
    void add(AdvocateSocket a) {
        advocates.add(a);
        AdvocateSocket displaced = file(advocatesByUser, a.username(), a, consolesPerAccount);
        if (displaced != null) {
            counts.consoleGaveWay();
            displaced.giveWay();
        }
    }

    void watch(AdvocateSocket a, String conversation) {
        file(watchersByConversation, conversation, a);
        // A console that closed while it was being shown a conversation: its removal may have missed this watch.
        if (!advocates.contains(a)) unwatch(a, conversation);
    }

    void unwatch(AdvocateSocket a, String conversation) {
        unfile(watchersByConversation, conversation, a);
    }

    void remove(AdvocateSocket a) {
        endUpkeep(a);
        advocates.remove(a);
        a.watched().forEach(conversation -> unwatch(a, conversation));
        unfile(advocatesByUser, a.username(), a);
    }

    /**
     * Adds {@code socket} to its key's set in one of the indexes. In one step under the key, as {@link #unfile}
     * is: added after a look-up, it could land in a set that another loop's unfile had just emptied and dropped
     * (a console reloading on one loop while its old socket closes on another), and never hear its events.
     */
    static <T> void file(Map<String, Set<T>> index, String key, T socket) {
        file(index, key, socket, Integer.MAX_VALUE);
    }

    /** {@link #file} keeping at most {@code most} sockets under the key: returns the oldest taken out, or null. */
    static <T> T file(Map<String, Set<T>> index, String key, T socket, int most) {
        List<T> displaced = new ArrayList<>(1);
        index.compute(key, (k, set) -> {
            // A key's sockets are few (a chat's tabs, a user's consoles) and read on every event, changed rarely:
            // a copy-on-write set is read with no iterator or lock, where a concurrent map made a traverser an event.
            // Its order is the order of filing, so its first is its oldest.
            Set<T> filed = set == null ? new CopyOnWriteArraySet<>() : set;
            filed.add(socket);
            if (filed.size() > most) {
                T oldest = filed.iterator().next();
                filed.remove(oldest);
                displaced.add(oldest);
            }
            return filed;
        });
        return displaced.isEmpty() ? null : displaced.get(0);
    }

    /** Takes {@code socket} out of its key's set, and the key out of the index once its set is empty. */
    static <T> void unfile(Map<String, Set<T>> index, String key, T socket) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    Collection<SurvivorSocket> survivors() {
        return survivors;
    }

    Collection<AdvocateSocket> advocates() {
        return advocates;
    }

    /** Adds the event loops this directory's sockets live on. */
    void addLoops(Set<Object> loops) {
        // The loop's thread, not the server verticle's context: two verticles may share one loop.
        survivors.forEach(s -> loops.add(((io.vertx.core.internal.ContextInternal) s.context()).nettyEventLoop()));
        advocates.forEach(a -> loops.add(((io.vertx.core.internal.ContextInternal) a.context()).nettyEventLoop()));
    }

    int survivorCount() {
        return survivors.size();
    }

    int advocateCount() {
        return advocates.size();
    }

    void route(LiveEvent event) {
        if (event instanceof LiveEvent.QueueChanged q) {
            queueBroadcaster.schedule();
        } else if (event instanceof LiveEvent.MaybeMissed m) {
            queueBroadcaster.schedule();
            survivors.forEach(s -> s.onEvent(event));
            advocates.forEach(a -> a.onEvent(event));
        } else if (event instanceof LiveEvent.ShiftChanged s) {
            forUser(s.username()).forEach(a -> a.onEvent(event));
        } else if (event instanceof LiveEvent.Assigned a) {
            forConversation(a.conversation()).forEach(s -> s.onEvent(event));
            forUser(a.advocate()).forEach(s -> s.onEvent(event));
        } else if (event instanceof LiveEvent.Transferred t) {
            forConversation(t.conversation()).forEach(s -> s.onEvent(event));
            forUser(t.fromAdvocate()).forEach(s -> s.onEvent(event));
            forUser(t.toAdvocate()).forEach(s -> s.onEvent(event));
        } else if (event instanceof LiveEvent.SessionEnded e) {
            advocates.forEach(a -> a.onEvent(event));
        } else if (event instanceof LiveEvent.LeftProgram l) {
            forUser(l.username()).forEach(a -> a.onEvent(event));
        } else if (event instanceof LiveEvent.AdvocateNotice n) {
            forUser(n.advocate()).forEach(a -> a.onEvent(event));
        } else if (event instanceof LiveEvent.CallRinging r) {
            forUser(r.advocate()).forEach(a -> a.onEvent(event));
        } else if (event instanceof LiveEvent.MessageAdded m) {
            toBothSides(m.conversation(), event);
        } else if (event instanceof LiveEvent.Typing t) {
            toBothSides(t.conversation(), event);
        } else if (event instanceof LiveEvent.Ended e) {
            toBothSides(e.conversation(), event);
        } else if (event instanceof LiveEvent.VideoOffered v) {
            toBothSides(v.conversation(), event);
        } else if (event instanceof LiveEvent.SurvivorPresence p) {
            toWatchers(p.conversation(), event);
        } else if (event instanceof LiveEvent.ReferralNews r) {
            if (r.toSurvivor() != null) forConversation(r.conversation()).forEach(s -> s.onEvent(event));
            if (r.toAdvocate() != null) forUser(r.advocate()).forEach(a -> a.onEvent(event));
        }
    }

    /** Survivor sockets of the conversation, and advocate sockets that watch it. */
    private void toBothSides(String conversation, LiveEvent event) {
        forConversation(conversation).forEach(s -> s.onEvent(event));
        toWatchers(conversation, event);
    }

    private void toWatchers(String conversation, LiveEvent event) {
        watchersByConversation.getOrDefault(conversation, Set.of()).forEach(a -> a.onEvent(event));
    }

    private Set<SurvivorSocket> forConversation(String conversation) {
        return survivorsByConversation.getOrDefault(conversation, Set.of());
    }

    private Collection<AdvocateSocket> forUser(String username) {
        return username == null ? List.of() : advocatesByUser.getOrDefault(username, Set.of());
    }
}
