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
}
