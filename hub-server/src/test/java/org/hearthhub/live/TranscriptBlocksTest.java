package org.hearthhub.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's transcript blocks: handed out once each, back zeroed, and slabs let go after a peak. */
@Timeout(60)
class TranscriptBlocksTest {

    @Test
    void aSlabFitsOneDefaultRegionAndIsHumongousThere() {
        long region = 1 << 20;
        long slab = (long) TranscriptBlocks.BLOCKS_PER_SLAB * TranscriptBlocks.BLOCK;
        // 16 bytes of array header with compressed class pointers: the slab must still fit one region.
        assertTrue(slab + 16 <= region, "a slab of " + slab + " bytes would spill into a second region");
        assertTrue(slab >= region / 2, "a slab under half a region would be an ordinary young object");
    }

    @Test
    void aSlabIsItsBytesAndAListOfNumbersNotAnObjectABlock() {
        // Blocks as objects were young for fifteen collections while old transcripts pointed at them (History 22).
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        TranscriptBlocks blocks = new TranscriptBlocks();
        blocks.give(blocks.take()); // the class and its first slab array made
        blocks = new TranscriptBlocks();
        long before = threads.getCurrentThreadAllocatedBytes();
        int first = blocks.take();
        long made = threads.getCurrentThreadAllocatedBytes() - before;
        long slab = (long) TranscriptBlocks.BLOCKS_PER_SLAB * TranscriptBlocks.BLOCK;
        assertTrue(made >= slab, "a slab's bytes are made with it: " + made);
        assertTrue(made <= slab + 4 * TranscriptBlocks.BLOCKS_PER_SLAB + 1024,
                "a slab made " + (made - slab) + " bytes beside its own: more than its list of free blocks");
        blocks.give(first);
    }

    @Test
    void aBlockComesBackZeroedAndIsHandedOutAgain() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        int b = blocks.take();
        write(blocks, b, "CANARY-block-51c2");
        assertTrue(blocks.holdBytesOf("CANARY-block-51c2"));
        blocks.give(b);
        assertFalse(blocks.holdBytesOf("CANARY-block-51c2"), "given back means zeroed, not just forgotten");
        assertEquals(0, blocks.blocksInUse());
        int again = blocks.take();
        assertEquals(b, again, "the block given back is the next handed out");
        for (int i = 0; i < TranscriptBlocks.BLOCK; i++) assertEquals(0, blocks.bytes(again)[TranscriptBlocks.base(again) + i]);
    }

    @Test
    void slabsGrowWithUseAndFallBackToOneSpareAfterThePeak() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < 3 * TranscriptBlocks.BLOCKS_PER_SLAB + 1; i++) taken.add(blocks.take());
        assertEquals(4, blocks.slabsHeld());
        assertEquals(taken.size(), blocks.blocksInUse());
        Set<String> places = new java.util.HashSet<>();
        for (int b : taken) {
            int base = TranscriptBlocks.base(b);
            assertTrue(places.add(System.identityHashCode(blocks.bytes(b)) + ":" + base), "two blocks share bytes");
            assertTrue(base >= 0 && base + TranscriptBlocks.BLOCK <= blocks.bytes(b).length);
        }
        // The peak passes in any order; a wholly free slab stays as the spare, the rest go.
        Collections.shuffle(taken, new java.util.Random(7));
        for (int b : taken) blocks.give(b);
        assertEquals(0, blocks.blocksInUse());
        assertEquals(1, blocks.slabsHeld());
        blocks.take();
        assertEquals(1, blocks.slabsHeld(), "the spare serves the next chat");
    }

    @Test
    void blocksAreTakenFromTheFirstSlabWithRoomSoLaterSlabsDrain() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < TranscriptBlocks.BLOCKS_PER_SLAB; i++) first.add(blocks.take());
        int second = blocks.take();
        blocks.give(first.get(5));
        int next = blocks.take();
        assertTrue(blocks.bytes(next) == blocks.bytes(first.get(0)), "room in the first slab is used before the second's");
        assertFalse(blocks.bytes(next) == blocks.bytes(second));
    }

    @Test
    void loopsTakingAndGivingAtOnceNeverShareABlock() throws Exception {
        TranscriptBlocks blocks = new TranscriptBlocks();
        Set<Integer> held = Collections.synchronizedSet(new java.util.HashSet<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> clashes = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            clashes.add(pool.submit(() -> {
                go.await();
                int clash = 0;
                List<Integer> mine = new ArrayList<>();
                for (int round = 0; round < 20_000; round++) {
                    int b = blocks.take();
                    if (!held.add(b)) clash++;
                    mine.add(b);
                    if (mine.size() > 700) {
                        int back = mine.remove(round % mine.size());
                        held.remove(back);
                        blocks.give(back);
                    }
                }
                for (int b : mine) {
                    held.remove(b);
                    blocks.give(b);
                }
                return clash;
            }));
        }
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        for (Future<Integer> c : clashes) assertEquals(0, c.get(), "a block was handed to two holders at once");
        assertEquals(0, blocks.blocksInUse());
        assertEquals(1, blocks.slabsHeld());
    }

    private static void write(TranscriptBlocks blocks, int b, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, blocks.bytes(b), TranscriptBlocks.base(b) + 100, bytes.length);
    }
}
