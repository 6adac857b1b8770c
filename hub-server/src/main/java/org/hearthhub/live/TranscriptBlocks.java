package org.hearthhub.live;

import java.util.Arrays;

/**
 * The 1 KiB blocks every {@link PackedTranscript} of one store keeps its messages and index tables in
 * ({@link BlockRun}), carved from slabs of just under 1 MiB that are made once and reused. Thread-safe:
 * {@link #take} and {@link #give} are synchronized, and run once per block filled (about ten chat messages),
 * never per message.
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

    /** One block: where its bytes are. Made with its slab and handed out again after each give. */
    static final class Block {
        final byte[] bytes;
        final int base;
        private final Slab slab;

        private Block(Slab slab, int base) {
            this.slab = slab;
            this.bytes = slab.bytes;
            this.base = base;
        }
    }

    private static final class Slab {
        final byte[] bytes = new byte[BLOCKS_PER_SLAB * BLOCK];
        final Block[] free = new Block[BLOCKS_PER_SLAB];
        int freeCount;

        Slab() {
            for (int i = BLOCKS_PER_SLAB - 1; i >= 0; i--) free[freeCount++] = new Block(this, i * BLOCK);
        }

        boolean unused() {
            return freeCount == BLOCKS_PER_SLAB;
        }
    }

    /** Null where a slab was let go; blocks are taken from the first slab with one free, so later ones drain. */
    private Slab[] slabs = new Slab[0];

    /** A zeroed block, from the first slab that has one; a new slab when none does. */
    synchronized Block take() {
        for (Slab s : slabs) {
            if (s != null && s.freeCount > 0) return s.free[--s.freeCount];
        }
        Slab made = new Slab();
        int hole = Arrays.asList(slabs).indexOf(null);
        if (hole < 0) {
            hole = slabs.length;
            slabs = Arrays.copyOf(slabs, slabs.length + 1);
        }
        slabs[hole] = made;
        return made.free[--made.freeCount];
    }

    /** Zeroes the block and takes it back; its slab goes when it is wholly free and another wholly free one stays. */
    synchronized void give(Block block) {
        Arrays.fill(block.bytes, block.base, block.base + BLOCK, (byte) 0);
        Slab s = block.slab;
        s.free[s.freeCount++] = block;
        if (!s.unused()) return;
        for (int i = slabs.length - 1; i >= 0; i--) {
            if (slabs[i] != null && slabs[i] != s && slabs[i].unused()) {
                // Keep the earlier of the two, so blocks keep coming from the front.
                int drop = Math.max(i, Arrays.asList(slabs).indexOf(s));
                slabs[drop] = null;
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
