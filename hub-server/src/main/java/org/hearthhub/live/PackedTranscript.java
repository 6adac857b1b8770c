package org.hearthhub.live;

import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * the hub's latency tail. Here the messages are one stream of bytes in 1 KiB chunks plus two numbers each
 * in primitive tables (the starts here, the client ids in a {@link ResendIndex}): nothing allocated for a
 * message outlives the append, and a reference is written only when a chunk is added. Small fixed chunks
 * rather than one doubling array, because the young collector copies each chat's newest chunk until it is
 * old: with thousands of chats growing together, doubling arrays or 4 KiB chunks made pauses of 50-100 ms
 * where 1 KiB chunks make ~10 (docs/benchmark-history.md, History 12). Messages are decoded back into
 * {@link ChatMessage}s only when read (a catch-up or a resume). The bytes are zeroed as messages are trimmed
 * and when the chat ends, so the words leave memory then rather than at some later collection.
 *
 * <p>A message is {@code [sender:1][epoch second:8][nano:4][clientId][text]}; a string is an int header
 * ({@code -1} for null, else {@code length << 1 | wide}) and its chars: one byte each when all fit in
 * Latin-1, else two. Both forms give back exactly the string that was put in, unpaired surrogates included.
 */
final class PackedTranscript {
    private static final int CHUNK_BITS = 10;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final Sender[] SENDERS = Sender.values();
    private static final int FIXED = 1 + 8 + 4;
    private static final long NONE = Long.MIN_VALUE;

    private final TranscriptBudget budget;
    /** The byte stream: {@code chunks[i]} holds positions {@code (firstChunk + i) * CHUNK} onwards. */
    private byte[][] chunks = new byte[0][];
    private long firstChunk;
    private int chunkCount;
    /** The stream position after the newest message. */
    private long end;
    /** Where each kept message starts in the stream: the oldest at {@code starts[head]}. */
    /** Empty until the first message: a queued chat that never starts holds no arrays. */
    private long[] starts = new long[0];
    private int head;
    private int count;
    /** How many messages were dropped from the front: seqs go on from there, never reused. */
    private long trimmed;
    /** The text characters of the kept messages, against the budget. */
    private long chars;
    private final ResendIndex resends = new ResendIndex(this::sentAs);
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

    PackedTranscript(TranscriptBudget budget) {
        this.budget = budget;
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
            // Its words are gone; the resend carries the same ones, and only the seq is answered.
            Long trimmedSeq = trimmedIds.get(new SentId(from, clientId));
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

    /** For privacy tests: do the chunks' raw bytes, trimmed and free parts included, hold this ASCII text? */
    synchronized boolean holdsBytesOf(String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        long from = firstChunk << CHUNK_BITS;
        long to = (firstChunk + chunkCount) << CHUNK_BITS;
        outer:
        for (long p = from; p + n.length <= to; p++) {
            for (int k = 0; k < n.length; k++) if (get(p + k) != n[k]) continue outer;
            return true;
        }
        return false;
    }

    /** For tests: the chunks held, trimmed ones having been let go. */
    synchronized int chunksHeld() {
        return chunkCount;
    }

    synchronized void close() {
        closed = true;
        for (int i = 0; i < chunkCount; i++) Arrays.fill(chunks[i], (byte) 0);
        chunks = new byte[0][];
        chunkCount = 0;
        starts = new long[0];
        head = count = 0;
        resends.clear();
        referralsBySeq.clear();
        trimmedIds = Map.of();
    }

    // ---- writing and trimming

    private void write(Sender from, String clientId, String text, Instant at) {
        if (head + count == starts.length) makeRoomForStart();
        long p = end;
        starts[head + count] = p;
        put(p, (byte) from.ordinal());
        putLong(p + 1, at.getEpochSecond());
        putInt(p + 9, at.getNano());
        p = putString(p + FIXED, clientId);
        end = putString(p, text);
        count++;
    }

    /** The oldest kept starts moved to the front, or the table doubled when more than half of it is kept. */
    private void makeRoomForStart() {
        long[] to = count + 1 > starts.length / 2 ? new long[Math.max(16, starts.length * 2)] : starts;
        System.arraycopy(starts, head, to, 0, count);
        starts = to;
        head = 0;
    }

    /** Drops the oldest messages, never the newest, until both bounds hold. */
    private void trim() {
        long oldest = starts[head];
        while (count > 1 && (count > budget.messages() || chars > budget.chars())) {
            long p = starts[head];
            long seq = trimmed + 1;
            Sender from = SENDERS[get(p)];
            String clientId = getString(p + FIXED);
            chars -= textLength(p);
            if (clientId != null) {
                resends.remove(from, clientId, seq);
                rememberTrimmed().put(new SentId(from, clientId), seq);
            }
            referralsBySeq.remove(seq);
            head++;
            count--;
            trimmed++;
        }
        release(oldest, starts[head]);
    }

    /** Zeroes the trimmed bytes at once, and lets go of the chunks that hold nothing kept any more. */
    private void release(long from, long to) {
        for (long p = from; p < to; p++) put(p, (byte) 0);
        int done = (int) ((to >>> CHUNK_BITS) - firstChunk);
        if (done == 0) return;
        System.arraycopy(chunks, done, chunks, 0, chunkCount - done);
        Arrays.fill(chunks, chunkCount - done, chunkCount, null);
        chunkCount -= done;
        firstChunk += done;
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
        return chunks[(int) ((p >>> CHUNK_BITS) - firstChunk)][(int) p & (CHUNK - 1)];
    }

    private void put(long p, byte b) {
        int i = (int) ((p >>> CHUNK_BITS) - firstChunk);
        if (i == chunkCount) addChunk();
        chunks[i][(int) p & (CHUNK - 1)] = b;
    }

    private void addChunk() {
        if (chunkCount == chunks.length) chunks = Arrays.copyOf(chunks, Math.max(2, chunks.length * 2));
        chunks[chunkCount++] = new byte[CHUNK];
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
        long p = starts[head + i];
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
        long p = starts[head + (int) (seq - trimmed - 1)];
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
