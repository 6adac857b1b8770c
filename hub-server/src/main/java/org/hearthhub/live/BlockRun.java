package org.hearthhub.live;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A run of bytes over the store's {@link TranscriptBlocks}: positions from 0 on, held as 1 KiB blocks that
 * are taken as the run grows and given back (zeroed) once everything before a position is let go. A transcript
 * keeps its message bytes in one run and its index tables in others, so none of them is ever an array of its
 * own that the young collector would copy. Not thread-safe: its transcript guards it.
 */
final class BlockRun {
    private static final int BITS = TranscriptBlocks.BLOCK_BITS;
    private static final int MASK = TranscriptBlocks.BLOCK - 1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final TranscriptBlocks blocks;
    /** {@code held[i]} holds positions {@code (firstBlock + i) * BLOCK} onwards. */
    private TranscriptBlocks.Block[] held = new TranscriptBlocks.Block[0];
    private long firstBlock;
    private int count;

    BlockRun(TranscriptBlocks blocks) {
        this.blocks = blocks;
    }

    /** Takes the blocks for positions up to {@code size}, so any of them can be written (a table's). */
    void reserve(long size) {
        while (((firstBlock + count) << BITS) < size) add();
    }

    byte get(long p) {
        TranscriptBlocks.Block b = block(p);
        return b.bytes[b.base + ((int) p & MASK)];
    }

    /** Writes at {@code p}, which is at most one past the last block held: a run grows at its end. */
    void put(long p, byte v) {
        if ((p >>> BITS) - firstBlock == count) add();
        TranscriptBlocks.Block b = block(p);
        b.bytes[b.base + ((int) p & MASK)] = v;
    }

    /** The long at {@code p}, a multiple of 8, so it never spans two blocks. */
    long getLong(long p) {
        TranscriptBlocks.Block b = block(p);
        return (long) LONGS.get(b.bytes, b.base + ((int) p & MASK));
    }

    void putLong(long p, long v) {
        if ((p >>> BITS) - firstBlock == count) add();
        TranscriptBlocks.Block b = block(p);
        LONGS.set(b.bytes, b.base + ((int) p & MASK), v);
    }

    /** Gives back the blocks wholly before {@code p}; the bytes still held before it are the caller's to zero. */
    void releaseBefore(long p) {
        int done = (int) Math.min(count, (p >>> BITS) - firstBlock);
        if (done <= 0) return;
        for (int i = 0; i < done; i++) blocks.give(held[i]);
        System.arraycopy(held, done, held, 0, count - done);
        Arrays.fill(held, count - done, count, null);
        count -= done;
        firstBlock += done;
    }

    /**
     * Zeroes positions {@code from} to {@code to} (a kept message's words leave memory now): the blocks wholly
     * before {@code to} are given back, which zeroes them, and the rest of the range is filled in the one block
     * still held.
     */
    void wipeBefore(long from, long to) {
        releaseBefore(to);
        long start = Math.max(from, firstBlock << BITS);
        if (start >= to) return;
        TranscriptBlocks.Block b = block(start);
        Arrays.fill(b.bytes, b.base + ((int) start & MASK), b.base + ((int) (to - 1) & MASK) + 1, (byte) 0);
    }

    /** Gives every block back, zeroed, and starts again from position 0. */
    void clear() {
        for (int i = 0; i < count; i++) blocks.give(held[i]);
        held = new TranscriptBlocks.Block[0];
        count = 0;
        firstBlock = 0;
    }

    int blocksHeld() {
        return count;
    }

    /** For privacy tests: do the held blocks' raw bytes, free parts included, spell this ASCII text? */
    boolean holdsBytesOf(String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        long from = firstBlock << BITS;
        long to = (firstBlock + count) << BITS;
        outer:
        for (long p = from; p + n.length <= to; p++) {
            for (int k = 0; k < n.length; k++) if (get(p + k) != n[k]) continue outer;
            return true;
        }
        return false;
    }

    private TranscriptBlocks.Block block(long p) {
        return held[(int) ((p >>> BITS) - firstBlock)];
    }

    private void add() {
        if (count == held.length) held = Arrays.copyOf(held, Math.max(2, held.length * 2));
        held[count++] = blocks.take();
    }
}
