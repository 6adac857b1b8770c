package org.hearthhub.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run over the store's blocks: reads back what was written across block edges, and lets go from the front. */
@Timeout(60)
class BlockRunTest {
    private static final int BLOCK = TranscriptBlocks.BLOCK;

    @Test
    void bytesAndLongsComeBackAcrossBlockEdges() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        BlockRun bytes = new BlockRun(blocks);
        for (long p = 0; p < 5L * BLOCK + 3; p++) bytes.put(p, (byte) (p * 31));
        for (long p = 0; p < 5L * BLOCK + 3; p++) assertEquals((byte) (p * 31), bytes.get(p), "byte " + p);
        assertEquals(6, bytes.blocksHeld());

        BlockRun longs = new BlockRun(blocks);
        for (long i = 0; i < 1_000; i++) longs.putLong(8 * i, i * 0x9E3779B97F4A7C15L);
        for (long i = 0; i < 1_000; i++) assertEquals(i * 0x9E3779B97F4A7C15L, longs.getLong(8 * i), "long " + i);
        assertEquals(8, longs.blocksHeld(), "128 longs a block");
        assertEquals(14, blocks.blocksInUse());
    }

    @Test
    void lettingGoOfTheFrontGivesWholeBlocksBackZeroed() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        BlockRun run = new BlockRun(blocks);
        byte[] canary = "CANARY-run-9d41".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int k = 0; k < 4; k++) for (int i = 0; i < canary.length; i++) run.put((long) k * BLOCK + i, canary[i]);
        for (long p = canary.length; p < 4L * BLOCK; p++) if (p % BLOCK >= canary.length) run.put(p, (byte) 1);
        run.releaseBefore(2L * BLOCK + 5);
        assertEquals(2, run.blocksHeld(), "the block holding the position, and those after, stay");
        assertEquals(2, blocks.blocksInUse());
        assertTrue(run.holdsBytesOf("CANARY-run-9d41"), "kept blocks are the caller's to zero");
        assertEquals(canary[0], run.get(2L * BLOCK), "positions stay where they were");
        run.clear();
        assertEquals(0, blocks.blocksInUse());
        assertFalse(blocks.holdBytesOf("CANARY-run-9d41"));
    }

    @Test
    void wipingZeroesTheRangeGivesBackWholeBlocksAndKeepsWhatFollows() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        BlockRun run = new BlockRun(blocks);
        for (long p = 0; p < 3L * BLOCK + 100; p++) run.put(p, (byte) 7);
        long from = 10, to = 2L * BLOCK + 50;
        run.wipeBefore(from, to);
        assertEquals(2, run.blocksHeld(), "the two blocks wholly before the end of the range went back");
        assertEquals(2, blocks.blocksInUse());
        for (long p = 2L * BLOCK; p < to; p++) assertEquals(0, run.get(p), "wiped " + p);
        for (long p = to; p < 3L * BLOCK + 100; p++) assertEquals(7, run.get(p), "kept " + p);
        run.wipeBefore(to, 3L * BLOCK);
        assertEquals(1, run.blocksHeld(), "a range ending on a block's edge leaves nothing to fill");
        assertEquals(7, run.get(3L * BLOCK));
    }

    @Test
    void aReservedTableCanBeWrittenAnywhereAndStartsEmpty() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        BlockRun table = new BlockRun(blocks);
        table.reserve(8L * 512);
        assertEquals(4, table.blocksHeld());
        for (int i = 511; i >= 0; i -= 3) assertEquals(0, table.getLong(8L * i), "a fresh slot is empty");
        table.putLong(8L * 511, 42);
        table.putLong(0, 7);
        assertEquals(42, table.getLong(8L * 511));
        assertEquals(7, table.getLong(0));
    }

    /**
     * A run's array is made with it and replaced only when outgrown, four times larger: an array made later, while
     * its transcript is old, is scanned by G1 at every young pause until it is old too (History 23).
     */
    @Test
    void aRunKeepsItsArrayUntilOutgrownAndThroughAClear() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        BlockRun run = new BlockRun(blocks);
        assertEquals(BlockRun.FIRST_CAPACITY, run.capacity(), "room from the start, before any block");
        for (long p = 0; p < BlockRun.FIRST_CAPACITY * (long) BLOCK; p++) run.put(p, (byte) 1);
        assertEquals(BlockRun.FIRST_CAPACITY, run.blocksHeld());
        assertEquals(BlockRun.FIRST_CAPACITY, run.capacity(), "full, not outgrown");
        run.releaseBefore(8L * BLOCK);
        for (long p = BlockRun.FIRST_CAPACITY * (long) BLOCK; p < (BlockRun.FIRST_CAPACITY + 8L) * BLOCK; p++) run.put(p, (byte) 2);
        assertEquals(BlockRun.FIRST_CAPACITY, run.capacity(), "blocks let go at the front make room at the end");
        run.put((BlockRun.FIRST_CAPACITY + 8L) * BLOCK, (byte) 3);
        assertEquals(4 * BlockRun.FIRST_CAPACITY, run.capacity(), "outgrown: four times larger");
        assertEquals(2, run.get((BlockRun.FIRST_CAPACITY + 7L) * BLOCK));
        run.clear();
        assertEquals(0, run.blocksHeld());
        assertEquals(0, blocks.blocksInUse());
        assertEquals(4 * BlockRun.FIRST_CAPACITY, run.capacity(), "a cleared run keeps its array");
        run.put(0, (byte) 9);
        assertEquals(9, run.get(0));
        assertEquals(0, run.get(1), "starts again from zeroed blocks");
    }
}
