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

    /**
     * Room for this many blocks from the start, in arrays made with the run (and so as old as its transcript):
     * 16 KiB, a chat of about 150 messages. A run that outgrows them gets arrays four times larger. Each array
     * made later, while the transcript is already old, is an old object pointing at a young one, which G1 scans
     * at every young pause until the array too is old (up to fifteen of them); doubling from 2 made five or six
     * such arrays in a chat's first thousand messages, and they were most of what those pauses scanned
     * (docs/benchmark-history.md, History 23).
     */
    static final int FIRST_CAPACITY = 16;
    private static final int GROWTH = 4;

    private final TranscriptBlocks blocks;
    /**
     * The {@code i}-th block held holds positions {@code (firstBlock + i) * BLOCK} onwards: its number in
     * {@code held}, and where its bytes are in {@code bytesOf} and {@code baseOf}, kept beside it so a read costs no
     * look-up. Numbers and slabs only, and a slab is old from birth: nothing young is ever pointed at from here.
     */
    private int[] held = new int[FIRST_CAPACITY];
    private byte[][] bytesOf = new byte[FIRST_CAPACITY][];
    private int[] baseOf = new int[FIRST_CAPACITY];
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
        int i = index(p);
        return bytesOf[i][baseOf[i] + ((int) p & MASK)];
    }

    /** Writes at {@code p}, which is at most one past the last block held: a run grows at its end. */
    void put(long p, byte v) {
        if ((p >>> BITS) - firstBlock == count) add();
        int i = index(p);
        bytesOf[i][baseOf[i] + ((int) p & MASK)] = v;
    }

    /** The long at {@code p}, a multiple of 8, so it never spans two blocks. */
    long getLong(long p) {
        int i = index(p);
        return (long) LONGS.get(bytesOf[i], baseOf[i] + ((int) p & MASK));
    }

    void putLong(long p, long v) {
        if ((p >>> BITS) - firstBlock == count) add();
        int i = index(p);
        LONGS.set(bytesOf[i], baseOf[i] + ((int) p & MASK), v);
    }

    /** Gives back the blocks wholly before {@code p}; the bytes still held before it are the caller's to zero. */
    void releaseBefore(long p) {
        int done = (int) Math.min(count, (p >>> BITS) - firstBlock);
        if (done <= 0) return;
        for (int i = 0; i < done; i++) blocks.give(held[i]);
        System.arraycopy(held, done, held, 0, count - done);
        System.arraycopy(bytesOf, done, bytesOf, 0, count - done);
        System.arraycopy(baseOf, done, baseOf, 0, count - done);
        Arrays.fill(bytesOf, count - done, count, null);
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
        int i = index(start);
        Arrays.fill(bytesOf[i], baseOf[i] + ((int) start & MASK), baseOf[i] + ((int) (to - 1) & MASK) + 1, (byte) 0);
    }

    /** Gives every block back, zeroed, and starts again from position 0, keeping its array (see {@link #FIRST_CAPACITY}). */
    void clear() {
        for (int i = 0; i < count; i++) blocks.give(held[i]);
        Arrays.fill(bytesOf, 0, count, null);
        count = 0;
        firstBlock = 0;
    }

    int blocksHeld() {
        return count;
    }

    /** For tests: how many blocks its array has room for. */
    int capacity() {
        return held.length;
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

    /** Which of the blocks held holds position {@code p}. */
    private int index(long p) {
        return (int) ((p >>> BITS) - firstBlock);
    }

    private void add() {
        if (count == held.length) {
            held = Arrays.copyOf(held, held.length * GROWTH);
            bytesOf = Arrays.copyOf(bytesOf, held.length);
            baseOf = Arrays.copyOf(baseOf, held.length);
        }
        int block = blocks.take();
        held[count] = block;
        bytesOf[count] = blocks.bytes(block);
        baseOf[count] = TranscriptBlocks.base(block);
        count++;
    }
}
