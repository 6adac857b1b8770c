package org.hearthhub.live;

import org.hearthhub.model.ChatMessage;
import org.hearthhub.model.Referral;
import org.hearthhub.model.Sender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packed transcript gives back exactly what was appended, in order, within its budget; the live-store
 * tests (both stores) cover the same rules through {@link LiveStore}, this covers the packing itself.
 */
@Timeout(60)
class PackedTranscriptTest {
    private static final Instant AT = Instant.parse("2026-12-04T10:15:30.123456789Z");

    @Test
    void everyKindOfTextComesBackExactly() {
        PackedTranscript t = new PackedTranscript(new TranscriptBudget(100, 100_000), new TranscriptBlocks());
        List<String> texts = List.of("plain", "¿Está bien? ñ", "Tôi cần giúp đỡ", "مرحبا", "emoji 🙂 too",
                "lone \ud800 surrogate", "", "<script>alert(1)</script>", "x".repeat(4000));
        for (int i = 0; i < texts.size(); i++) {
            t.append("c", i % 2 == 0 ? Sender.SURVIVOR : Sender.ADVOCATE, "id-" + i + "-ñ🙂", texts.get(i), null, AT.plusNanos(i));
        }
        t.append("c", Sender.SYSTEM, null, null, null, AT);
        List<ChatMessage> back = t.after(0);
        assertEquals(texts.size() + 1, back.size());
        for (int i = 0; i < texts.size(); i++) {
            ChatMessage m = back.get(i);
            assertEquals(i + 1, m.seq());
            assertEquals(texts.get(i), m.text());
            assertEquals("id-" + i + "-ñ🙂", m.clientId());
            assertEquals(i % 2 == 0 ? Sender.SURVIVOR : Sender.ADVOCATE, m.from());
            assertEquals(AT.plusNanos(i), m.at());
        }
        ChatMessage last = back.get(texts.size());
        assertNull(last.clientId());
        assertNull(last.text());
        assertEquals(Sender.SYSTEM, last.from());
        assertEquals(AT, t.lastActivity());
    }

    @Test
    void aResendIsFoundBySenderAndClientIdOnly() {
        PackedTranscript t = new PackedTranscript(new TranscriptBudget(100, 100_000), new TranscriptBlocks());
        List<Referral> referrals = List.of(new Referral("Shelter", "+15550100", null, "Open 24/7", "https://example.org"));
        AppendResult first = t.append("c", Sender.ADVOCATE, "a1", "see these", referrals, AT);
        AppendResult again = t.append("c", Sender.ADVOCATE, "a1", "see these", referrals, AT.plusSeconds(5));
        AppendResult otherSide = t.append("c", Sender.SURVIVOR, "a1", "same id, other side", null, AT);
        assertFalse(first.duplicate());
        assertTrue(again.duplicate());
        assertEquals(1, again.message().seq());
        assertEquals(AT, again.message().at(), "the kept message is answered, not the resend");
        assertEquals(referrals, again.message().referrals());
        assertFalse(otherSide.duplicate());
        assertEquals(2, otherSide.message().seq());
        assertEquals(referrals, t.after(0).get(0).referrals());
        assertEquals(List.of(), t.after(0).get(1).referrals());
        assertEquals(2, t.clientIdsIndexed());
    }

    /**
     * Thousands of appends, resends and trims against a plain list doing the same: same answers every step.
     * Two transcripts at once share the store's blocks, as every chat of a hub does, and never read each other's.
     */
    @Test
    void agreesWithAPlainListThroughGrowthTrimsAndCompactions() {
        Random random = new Random(42);
        TranscriptBlocks blocks = new TranscriptBlocks();
        for (TranscriptBudget budget : List.of(new TranscriptBudget(7, 1_000_000), new TranscriptBudget(1000, 300),
                new TranscriptBudget(50, 5_000), new TranscriptBudget(1, 1), new TranscriptBudget(1000, 1_000_000))) {
            List<PackedTranscript> packed = List.of(new PackedTranscript(budget, blocks), new PackedTranscript(budget, blocks));
            List<ListTranscript> plain = List.of(new ListTranscript(budget), new ListTranscript(budget));
            for (int i = 0; i < 5_000; i++) {
                int k = random.nextInt(2);
                Sender from = random.nextBoolean() ? Sender.SURVIVOR : Sender.ADVOCATE;
                String clientId = random.nextInt(10) == 0 ? null : "c" + random.nextInt(i + 1);
                String text = randomText(random);
                Instant at = AT.plusMillis(i);
                AppendResult a = packed.get(k).append("c", from, clientId, text, null, at);
                AppendResult b = plain.get(k).append(from, clientId, text, at);
                assertEquals(b.duplicate(), a.duplicate(), "step " + i);
                assertEquals(b.message().seq(), a.message().seq(), "step " + i);
                if (i % 97 == 0 || i > 4_990) {
                    long after = Math.max(0, b.message().seq() - random.nextInt(60));
                    assertEquals(plain.get(k).after(after), packed.get(k).after(after), "step " + i + " after " + after);
                }
            }
            assertEquals(packed.get(0).blocksHeld() + packed.get(1).blocksHeld(), blocks.blocksInUse());
            packed.forEach(PackedTranscript::close);
            assertEquals(0, blocks.blocksInUse(), "every block comes back when the chats end");
        }
    }

    @Test
    void trimmedAndClosedWordsAreZeroedNotJustForgotten() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        PackedTranscript t = new PackedTranscript(new TranscriptBudget(3, 100_000), blocks);
        t.append("c", Sender.SURVIVOR, "s1", "CANARY-trimmed-7f3a", null, AT);
        for (int i = 2; i <= 4; i++) t.append("c", Sender.ADVOCATE, "a" + i, "reply " + i, null, AT);
        assertFalse(t.contains("CANARY-trimmed-7f3a"));
        assertFalse(t.holdsBytesOf("CANARY-trimmed-7f3a"), "a trimmed message's bytes are zeroed at once");
        assertTrue(t.holdsBytesOf("reply 4"));
        // Enough for many chunks to be added and let go: a long chat holds only what its budget keeps.
        for (int i = 5; i < 2_000; i++) t.append("c", Sender.ADVOCATE, "a" + i, "reply " + i + " " + "y".repeat(i % 500), null, AT);
        assertFalse(t.holdsBytesOf("reply 4 "));
        assertTrue(t.holdsBytesOf("reply 1999"));
        assertTrue(t.chunksHeld() <= 3, "three messages of at most ~550 bytes span at most three 1 KiB chunks: " + t.chunksHeld());
        assertEquals(t.blocksHeld(), blocks.blocksInUse(), "the blocks let go went back to the store");
        assertTrue(t.blocksHeld() <= t.chunksHeld() + 3, "and its index tables hold a block or two: " + t.blocksHeld());
        assertFalse(blocks.holdBytesOf("CANARY-trimmed-7f3a"), "nor do the blocks given back hold it");
        assertTrue(blocks.holdBytesOf("reply 1999"));
        t.close();
        assertFalse(t.holdsBytesOf("reply 1999"));
        assertEquals(0, blocks.blocksInUse());
        assertFalse(blocks.holdBytesOf("reply 1999"), "a closed chat's blocks come back zeroed");
        assertThrows(NotLiveException.class, () -> t.append("c", Sender.SURVIVOR, "late", "after the end", null, AT));
    }

    private static String randomText(Random random) {
        String[] pieces = {"hola", "ñ", "🙂", "\ud800", "مرحبا", "word", "", "z".repeat(40)};
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(4); k >= 0; k--) b.append(pieces[random.nextInt(pieces.length)]);
        return b.toString();
    }

    /** The obvious implementation of the same rules: a list of records and maps of client ids. */
    private static final class ListTranscript {
        private final TranscriptBudget budget;
        private final List<ChatMessage> kept = new ArrayList<>();
        private final Map<String, ChatMessage> byId = new LinkedHashMap<>();
        private final Map<String, Long> trimmedIds = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > TranscriptBudget.TRIMMED_IDS_REMEMBERED;
            }
        };
        private long trimmed;
        private long chars;

        ListTranscript(TranscriptBudget budget) {
            this.budget = budget;
        }

        AppendResult append(Sender from, String clientId, String text, Instant at) {
            String key = from + ":" + clientId;
            if (clientId != null && byId.containsKey(key)) return new AppendResult(byId.get(key), true);
            if (clientId != null && trimmedIds.containsKey(key)) {
                return new AppendResult(new ChatMessage(trimmedIds.get(key), from, text, at, clientId), true);
            }
            ChatMessage m = new ChatMessage(trimmed + kept.size() + 1, from, text, at, clientId);
            kept.add(m);
            chars += TranscriptBudget.size(text);
            if (clientId != null) byId.put(key, m);
            while (kept.size() > 1 && (kept.size() > budget.messages() || chars > budget.chars())) {
                ChatMessage old = kept.remove(0);
                trimmed++;
                chars -= TranscriptBudget.size(old.text());
                if (old.clientId() != null) {
                    String oldKey = old.from() + ":" + old.clientId();
                    byId.remove(oldKey);
                    trimmedIds.put(oldKey, old.seq());
                }
            }
            return new AppendResult(m, false);
        }

        List<ChatMessage> after(long seq) {
            return kept.stream().filter(m -> m.seq() > seq).toList();
        }
    }
}
