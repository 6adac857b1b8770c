package org.hearthhub.live;

import io.vertx.core.Future;
import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Conversation;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory store's transcripts, packed into the blocks of its {@link TranscriptBlocks}. A transcript is
 * present exactly while its conversation is live (opened and closed by the store's steps that start and end
 * one), so a message appended from any loop finds it or is refused; appending and reading back touch one key
 * of a concurrent map and that transcript only, never the store's lock.
 */
final class InMemoryTranscripts implements TranscriptStore {
    private final TranscriptBudget budget;
    private final Map<String, PackedTranscript> transcripts = new ConcurrentHashMap<>();
    /** Where every transcript's bytes go: long-lived slabs the young collector never copies. */
    private final TranscriptBlocks blocks = new TranscriptBlocks();

    InMemoryTranscripts(TranscriptBudget budget) {
        this.budget = budget;
    }

    /** From any loop. */
    @Override
    public Future<AppendResult> append(String id, Sender from, String clientId, String text, List<Referral> referrals, Instant at) {
        PackedTranscript t = transcripts.get(id);
        if (t == null) return Future.failedFuture(new NotLiveException(id));
        try {
            return Future.succeededFuture(t.append(id, from, clientId, text, referrals, at));
        } catch (NotLiveException e) {
            return Future.failedFuture(e);
        }
    }

    /** From any loop. */
    @Override
    public Future<List<ChatMessage>> messagesAfter(String id, long afterSeq) {
        PackedTranscript t = transcripts.get(id);
        return Future.succeededFuture(t == null ? List.of() : t.after(afterSeq));
    }

    /** The conversation with its latest message's time, which its transcript keeps; from any loop. */
    Conversation current(Conversation c) {
        PackedTranscript t = c == null ? null : transcripts.get(c.id());
        Instant last = t == null ? null : t.lastActivity();
        return last != null && last.isAfter(c.lastActivityAt()) ? c.touched(last) : c;
    }

    /** An empty transcript for a conversation that starts; the store's lock is held. */
    void open(String id) {
        transcripts.put(id, new PackedTranscript(budget, blocks));
    }

    /** Drops a conversation's transcript and gives its blocks back, zeroed; the store's lock is held. */
    void close(String id) {
        PackedTranscript t = transcripts.remove(id);
        if (t != null) t.close();
    }

    /** Whether any transcript, or any byte of a block, free ones included, spells this text. */
    boolean containsText(String needle) {
        return transcripts.values().stream().anyMatch(t -> t.contains(needle)) || blocks.holdBytesOf(needle);
    }

    int clientIdsIndexed(String id) {
        PackedTranscript t = transcripts.get(id);
        return t == null ? 0 : t.clientIdsIndexed();
    }

    int trimmedIdsRemembered(String id) {
        PackedTranscript t = transcripts.get(id);
        return t == null ? 0 : t.trimmedIdsRemembered();
    }
}
