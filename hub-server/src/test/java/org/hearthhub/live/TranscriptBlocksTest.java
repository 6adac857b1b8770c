package org.hearthhub.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
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
    void aBlockComesBackZeroedAndIsHandedOutAgain() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        TranscriptBlocks.Block b = blocks.take();
        write(b, "CANARY-block-51c2");
        assertTrue(blocks.holdBytesOf("CANARY-block-51c2"));
        blocks.give(b);
        assertFalse(blocks.holdBytesOf("CANARY-block-51c2"), "given back means zeroed, not just forgotten");
        assertEquals(0, blocks.blocksInUse());
        TranscriptBlocks.Block again = blocks.take();
        assertTrue(again == b, "the block given back is the next handed out");
        for (int i = 0; i < TranscriptBlocks.BLOCK; i++) assertEquals(0, again.bytes[again.base + i]);
    }

    @Test
    void slabsGrowWithUseAndFallBackToOneSpareAfterThePeak() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        List<TranscriptBlocks.Block> taken = new ArrayList<>();
        for (int i = 0; i < 3 * TranscriptBlocks.BLOCKS_PER_SLAB + 1; i++) taken.add(blocks.take());
        assertEquals(4, blocks.slabsHeld());
        assertEquals(taken.size(), blocks.blocksInUse());
        Set<String> places = new java.util.HashSet<>();
        for (TranscriptBlocks.Block b : taken) {
            assertTrue(places.add(System.identityHashCode(b.bytes) + ":" + b.base), "two blocks share bytes");
            assertTrue(b.base >= 0 && b.base + TranscriptBlocks.BLOCK <= b.bytes.length);
        }
        // The peak passes in any order; a wholly free slab stays as the spare, the rest go.
        Collections.shuffle(taken, new java.util.Random(7));
        for (TranscriptBlocks.Block b : taken) blocks.give(b);
        assertEquals(0, blocks.blocksInUse());
        assertEquals(1, blocks.slabsHeld());
        blocks.take();
        assertEquals(1, blocks.slabsHeld(), "the spare serves the next chat");
    }

    @Test
    void blocksAreTakenFromTheFirstSlabWithRoomSoLaterSlabsDrain() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        List<TranscriptBlocks.Block> first = new ArrayList<>();
        for (int i = 0; i < TranscriptBlocks.BLOCKS_PER_SLAB; i++) first.add(blocks.take());
        TranscriptBlocks.Block second = blocks.take();
        blocks.give(first.get(5));
        TranscriptBlocks.Block next = blocks.take();
        assertTrue(next.bytes == first.get(0).bytes, "room in the first slab is used before the second's");
        assertFalse(next.bytes == second.bytes);
    }

    @Test
    void loopsTakingAndGivingAtOnceNeverShareABlock() throws Exception {
        TranscriptBlocks blocks = new TranscriptBlocks();
        Set<TranscriptBlocks.Block> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> clashes = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            clashes.add(pool.submit(() -> {
                go.await();
                int clash = 0;
                List<TranscriptBlocks.Block> mine = new ArrayList<>();
                for (int round = 0; round < 20_000; round++) {
                    TranscriptBlocks.Block b = blocks.take();
                    if (!held.add(b)) clash++;
                    mine.add(b);
                    if (mine.size() > 700) {
                        TranscriptBlocks.Block back = mine.remove(round % mine.size());
                        held.remove(back);
                        blocks.give(back);
                    }
                }
                for (TranscriptBlocks.Block b : mine) {
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

    private static void write(TranscriptBlocks.Block b, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(bytes, 0, b.bytes, b.base + 100, bytes.length);
    }
}
