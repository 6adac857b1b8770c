package org.hearthhub.live;

import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One live conversation's newest messages within the {@link TranscriptBudget}, packed into primitive
 * arrays, with the client ids already seen for idempotent resends. Thread-safe (each method is synchronized).
 *
 * <p>Why packed: a transcript lives as long as its chat, so kept as objects every message (a record, its
 * strings, its time, an index entry: seven objects, ~260 bytes) was copied by the young collector, and its
 * reference written into long-lived lists made G1 refine a card per message. Under load those two costs set
 * the hub's latency tail. Here a message is bytes in one {@link BlockRun}, its start a long in a second, and
 * its client id a slot in a {@link ResendIndex} over a third: all three are blocks of the store's
 * {@link TranscriptBlocks}, slabs made once in the old generation. Nothing allocated for a message outlives
 * the append, no reference is written for it, and no table of a growing chat is ever reallocated for the
 * young collector to copy (when they were arrays of their own, thousands of chats doubling theirs together
 * made survivor cohorts of 12 MB and more: docs/benchmark-history.md, Histories 12 and 15). Messages are
 * decoded back into {@link ChatMessage}s only when read (a catch-up or a resume). The bytes are zeroed as
 * messages are trimmed and when the chat ends, so the words leave memory then rather than at some later
 * collection.
 *
 * <p>A message is {@code [sender:1][epoch second:8][nano:4][clientId][text]}; a string is an int header
 * ({@code -1} for null, else {@code length << 1 | wide}) and its chars: one byte each when all fit in
 * Latin-1, else two. Both forms give back exactly the string that was put in, unpaired surrogates included.
 */
final class PackedTranscript {
    private static final Sender[] SENDERS = Sender.values();
    private static final int FIXED = 1 + 8 + 4;
    private static final long NONE = Long.MIN_VALUE;

    private final TranscriptBudget budget;
    /** The messages' bytes, one after another. */
    private final BlockRun bytes;
    /** Where each message starts in {@link #bytes}: the long at {@code 8 * (seq - 1)}, kept from {@code trimmed}. */
    private final BlockRun starts;
    /** The stream position after the newest message. */
    private long end;
    private int count;
    /** How many messages were dropped from the front: seqs go on from there, never reused. */
    private long trimmed;
    /** The text characters of the kept messages, against the budget. */
    private long chars;
    private final ResendIndex resends;
    /** The referrals of the few messages that carry them, by seq. */
    private final Map<Long, List<Referral>> referralsBySeq = new HashMap<>(2);
    /**
     * The seqs of the last trimmed messages by client id, so a late resend of one is still a duplicate; bounded.
     * Made on the first trim: most chats never reach their budget.
     */
    private Map<SentId, Long> trimmedIds = Map.of();
    /** Set as the conversation ends: an append racing the end is refused, never kept. */
    private boolean closed;
    /** The latest message's time in nanoseconds since the epoch ({@link #NONE} before the first), for the idle timeout. */
    private volatile long lastActivityNanos = NONE;

    /** @param blocks where its bytes go: the store's, shared by all its transcripts */
    PackedTranscript(TranscriptBudget budget, TranscriptBlocks blocks) {
        this.budget = budget;
        // Each holds no block until the first message: a queued chat that never starts takes none.
        this.bytes = new BlockRun(blocks);
        this.starts = new BlockRun(blocks);
        this.resends = new ResendIndex(blocks, this::sentAs);
    }

    private record SentId(Sender from, String clientId) {
    }

    /** The latest message's time, or null before the first. */
    Instant lastActivity() {
        long nanos = lastActivityNanos;
        return nanos == NONE ? null : Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    synchronized AppendResult append(String id, Sender from, String clientId, String text, List<Referral> referrals, Instant at) {
        if (closed) throw new NotLiveException(id);
        if (clientId != null) {
            long earlier = resends.find(from, clientId);
            if (earlier > 0) return new AppendResult(message(earlier), true);
            // Its words are gone; the resend carries the same ones, and only the seq is answered. Most chats
            // never trim: no key is made (or hashed, a record's hash being no cheap call) for an empty map.
            Long trimmedSeq = trimmedIds.isEmpty() ? null : trimmedIds.get(new SentId(from, clientId));
            if (trimmedSeq != null) return new AppendResult(new ChatMessage(trimmedSeq, from, text, at, clientId, referrals), true);
        }
        long seq = trimmed + count + 1L;
        write(from, clientId, text, at);
        chars += TranscriptBudget.size(text);
        if (clientId != null) resends.put(from, clientId, seq);
        if (referrals != null && !referrals.isEmpty()) referralsBySeq.put(seq, List.copyOf(referrals));
        trim();
        lastActivityNanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        return new AppendResult(new ChatMessage(seq, from, text, at, clientId, referrals), false);
    }

    /** Every kept message after {@code afterSeq}: the whole kept tail when that seq was trimmed. */
    synchronized List<ChatMessage> after(long afterSeq) {
        int from = (int) Math.min(Math.max(0, Math.max(0, afterSeq) - trimmed), count);
        List<ChatMessage> out = new ArrayList<>(count - from);
        for (int i = from; i < count; i++) out.add(decode(i));
        return List.copyOf(out);
    }

    synchronized boolean contains(String needle) {
        for (int i = 0; i < count; i++) {
            String text = decode(i).text();
            if (text != null && text.contains(needle)) return true;
        }
        return false;
    }

    synchronized int clientIdsIndexed() {
        return resends.size();
    }

    synchronized int trimmedIdsRemembered() {
        return trimmedIds.size();
    }

    /** For privacy tests: do the message bytes held, trimmed and free parts included, spell this ASCII text? */
    synchronized boolean holdsBytesOf(String needle) {
        return bytes.holdsBytesOf(needle);
    }

    /** For tests: the blocks of message bytes held, trimmed ones having been let go. */
    synchronized int chunksHeld() {
        return bytes.blocksHeld();
    }

    /** For tests: every block held, the index tables' included. */
    synchronized int blocksHeld() {
        return bytes.blocksHeld() + starts.blocksHeld() + resends.blocksHeld();
    }

    synchronized void close() {
        closed = true;
        // Given back zeroed (TranscriptBlocks.give): the words leave memory now.
        bytes.clear();
        starts.clear();
        count = 0;
        resends.clear();
        referralsBySeq.clear();
        trimmedIds = Map.of();
    }

    // ---- writing and trimming

    private void write(Sender from, String clientId, String text, Instant at) {
        long p = end;
        starts.putLong(8 * (trimmed + count), p);
        put(p, (byte) from.ordinal());
        putLong(p + 1, at.getEpochSecond());
        putInt(p + 9, at.getNano());
        p = putString(p + FIXED, clientId);
        end = putString(p, text);
        count++;
    }

    /** Drops the oldest messages, never the newest, until both bounds hold. */
    private void trim() {
        long oldest = startOf(0);
        while (count > 1 && (count > budget.messages() || chars > budget.chars())) {
            long p = startOf(0);
            long seq = trimmed + 1;
            Sender from = SENDERS[get(p)];
            String clientId = getString(p + FIXED);
            chars -= textLength(p);
            if (clientId != null) {
                resends.remove(from, clientId, seq);
                rememberTrimmed().put(new SentId(from, clientId), seq);
            }
            referralsBySeq.remove(seq);
            count--;
            trimmed++;
        }
        // The trimmed words are zeroed at once, and the blocks that hold nothing kept any more let go.
        bytes.wipeBefore(oldest, startOf(0));
        starts.releaseBefore(8 * trimmed);
    }

    private Map<SentId, Long> rememberTrimmed() {
        if (!(trimmedIds instanceof LinkedHashMap)) {
            trimmedIds = new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SentId, Long> eldest) {
                    return size() > TranscriptBudget.TRIMMED_IDS_REMEMBERED;
                }
            };
        }
        return trimmedIds;
    }

    // ---- the byte stream

    private byte get(long p) {
        return bytes.get(p);
    }

    private void put(long p, byte b) {
        bytes.put(p, b);
    }

    /** Where the {@code i}-th kept message starts. */
    private long startOf(int i) {
        return starts.getLong(8 * (trimmed + i));
    }

    private void putInt(long p, int v) {
        for (int k = 3; k >= 0; k--, v >>>= 8) put(p + k, (byte) v);
    }

    private void putLong(long p, long v) {
        for (int k = 7; k >= 0; k--, v >>>= 8) put(p + k, (byte) v);
    }

    private int getInt(long p) {
        int v = 0;
        for (int k = 0; k < 4; k++) v = v << 8 | (get(p + k) & 0xFF);
        return v;
    }

    private long getLong(long p) {
        long v = 0;
        for (int k = 0; k < 8; k++) v = v << 8 | (get(p + k) & 0xFF);
        return v;
    }

    // ---- reading

    /** The kept message with this seq. */
    private ChatMessage message(long seq) {
        return decode((int) (seq - trimmed - 1));
    }

    /** The {@code i}-th kept message, oldest first. */
    private ChatMessage decode(int i) {
        long p = startOf(i);
        long seq = trimmed + i + 1;
        Sender from = SENDERS[get(p)];
        Instant at = Instant.ofEpochSecond(getLong(p + 1), getInt(p + 9));
        long q = p + FIXED;
        String clientId = getString(q);
        String text = getString(skipString(q));
        return new ChatMessage(seq, from, text, at, clientId, referralsBySeq.getOrDefault(seq, List.of()));
    }

    private int textLength(long p) {
        int header = getInt(skipString(p + FIXED));
        return header < 0 ? 0 : header >>> 1;
    }

    /** Whether the kept message with this seq was sent by {@code from} with this client id. */
    private boolean sentAs(long seq, Sender from, String clientId) {
        long p = startOf((int) (seq - trimmed - 1));
        return get(p) == from.ordinal() && sameString(p + FIXED, clientId);
    }

    // ---- strings

    /** Writes {@code s} at {@code p}; answers the position after it. */
    private long putString(long p, String s) {
        if (s == null) {
            putInt(p, -1);
            return p + 4;
        }
        int n = s.length();
        boolean wide = false;
        for (int i = 0; i < n && !wide; i++) wide = s.charAt(i) > 0xFF;
        putInt(p, n << 1 | (wide ? 1 : 0));
        p += 4;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (wide) put(p++, (byte) (c >>> 8));
            put(p++, (byte) c);
        }
        return p;
    }

    private String getString(long p) {
        int header = getInt(p);
        if (header < 0) return null;
        char[] chars = new char[header >>> 1];
        for (int i = 0; i < chars.length; i++) chars[i] = charAt(p + 4, header, i);
        return new String(chars);
    }

    private char charAt(long p, int header, int i) {
        return (header & 1) == 0 ? (char) (get(p + i) & 0xFF) : (char) ((get(p + 2L * i) & 0xFF) << 8 | (get(p + 2L * i + 1) & 0xFF));
    }

    private long skipString(long p) {
        int header = getInt(p);
        return p + 4 + (header < 0 ? 0 : (header & 1) == 0 ? header >>> 1 : header & ~1);
    }

    private boolean sameString(long p, String s) {
        int header = getInt(p);
        if (header < 0 || s == null) return header < 0 && s == null;
        if (header >>> 1 != s.length()) return false;
        for (int i = 0; i < s.length(); i++) if (charAt(p + 4, header, i) != s.charAt(i)) return false;
        return true;
    }
}
