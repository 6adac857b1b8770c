package org.hearthhub.live;

import java.util.Arrays;

/**
 * The 1 KiB blocks every {@link PackedTranscript} of one store keeps its messages and index tables in
 * ({@link BlockRun}), carved from slabs of just under 1 MiB that are made once and reused. Thread-safe:
 * {@link #take}, {@link #bytes} and {@link #give} are synchronized, and run once per block filled (about ten chat
 * messages), never per message.
 *
 * <p>Why slabs: a transcript lives as long as its chat, so its chunks and index tables, when they were arrays
 * of their own, were young when made and the young collector copied them once or more before they were old:
 * with thousands of chats, 3-26 MB a collection at 16,000-20,000 msg/s against 0.5-2.9 MB since
 * (docs/benchmark-history.md, History 15). A slab is made a few times in the hub's life, and at 1,047,552
 * bytes it is a G1 humongous object where regions are 1 MiB (heaps up to ~2 GiB, as the hub's 1 GiB), filling
 * one region: allocated straight in the old generation, never copied, never moved. On a larger heap it is an
 * ordinary object, copied once or twice in its life. Writing bytes into it marks no card, so there is
 * nothing for G1 to refine either.
 *
 * <p>A block is a number, not an object: {@link #take} answers it, {@link #bytes} and {@link #base} say where its
 * bytes are. As objects, the 1,023 blocks of each new slab were young, and stayed young for fifteen collections,
 * copied at each, while the index tables of long-lived transcripts pointed at them: references from old memory to
 * new for every young pause to scan. At a fixed 24,000 msg/s, with the runs' tables no longer remade as chats grow,
 * they were 37,000 such references on 5,400 cards in one heap dump, and none are left (docs/benchmark-history.md,
 * History 23).
 *
 * <p>A block comes back zeroed ({@link #give} fills it), so the next chat never finds the last one's words and
 * a chat's words leave memory when it ends, not at some later collection. A slab whose blocks are all free is
 * let go when another such slab is kept, so memory falls back after a peak with one slab spare. Blocks are
 * taken from the first slab with room, so the later slabs of a peak drain as its chats end.
 */
final class TranscriptBlocks {
    static final int BLOCK_BITS = 10;
    static final int BLOCK = 1 << BLOCK_BITS;
    /** 1023 KiB plus the array's header fit one 1 MiB region, and any object over half a region is humongous. */
    static final int BLOCKS_PER_SLAB = 1023;

    private static final class Slab {
        final byte[] bytes = new byte[BLOCKS_PER_SLAB * BLOCK];
        /** The numbers within the slab of its free blocks, the next to hand out last. */
        final int[] free = new int[BLOCKS_PER_SLAB];
        int freeCount;

        Slab() {
            for (int i = BLOCKS_PER_SLAB - 1; i >= 0; i--) free[freeCount++] = i;
        }

        boolean unused() {
            return freeCount == BLOCKS_PER_SLAB;
        }
    }

    /** Null where a slab was let go; blocks are taken from the first slab with one free, so later ones drain. */
    private Slab[] slabs = new Slab[0];

    /** A zeroed block's number, from the first slab that has one; a new slab when none does. */
    synchronized int take() {
        for (int n = 0; n < slabs.length; n++) {
            Slab s = slabs[n];
            if (s != null && s.freeCount > 0) return n * BLOCKS_PER_SLAB + s.free[--s.freeCount];
        }
        Slab made = new Slab();
        int hole = Arrays.asList(slabs).indexOf(null);
        if (hole < 0) {
            hole = slabs.length;
            slabs = Arrays.copyOf(slabs, slabs.length + 1);
        }
        slabs[hole] = made;
        return hole * BLOCKS_PER_SLAB + made.free[--made.freeCount];
    }

    /** The bytes a block taken and not given back lies in, from {@link #base} on. */
    synchronized byte[] bytes(int block) {
        return slabs[block / BLOCKS_PER_SLAB].bytes;
    }

    /** Where a block starts in its {@link #bytes}. */
    static int base(int block) {
        return (block % BLOCKS_PER_SLAB) * BLOCK;
    }

    /** Zeroes the block and takes it back; its slab goes when it is wholly free and another wholly free one stays. */
    synchronized void give(int block) {
        int n = block / BLOCKS_PER_SLAB;
        Slab s = slabs[n];
        Arrays.fill(s.bytes, base(block), base(block) + BLOCK, (byte) 0);
        s.free[s.freeCount++] = block % BLOCKS_PER_SLAB;
        if (!s.unused()) return;
        for (int i = slabs.length - 1; i >= 0; i--) {
            if (slabs[i] != null && i != n && slabs[i].unused()) {
                // Keep the earlier of the two, so blocks keep coming from the front.
                slabs[Math.max(i, n)] = null;
                return;
            }
        }
    }

    /** For tests and the privacy checks: the slabs held. */
    synchronized int slabsHeld() {
        int n = 0;
        for (Slab s : slabs) if (s != null) n++;
        return n;
    }

    /** For tests and the privacy checks: blocks handed out and not given back. */
    synchronized int blocksInUse() {
        int n = 0;
        for (Slab s : slabs) if (s != null) n += BLOCKS_PER_SLAB - s.freeCount;
        return n;
    }

    /** For privacy tests: does any byte of any slab, free blocks included, spell this ASCII text? */
    synchronized boolean holdBytesOf(String needle) {
        byte[] n = needle.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (Slab s : slabs) {
            if (s == null) continue;
            outer:
            for (int p = 0; p + n.length <= s.bytes.length; p++) {
                for (int k = 0; k < n.length; k++) if (s.bytes[p + k] != n[k]) continue outer;
                return true;
            }
        }
        return false;
    }
}
