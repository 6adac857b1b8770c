package org.hearthhub.live;

import org.hearthhub.model.Sender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The client id index over the store's blocks, through the rebuilds that drop removed slots and grow the table. */
@Timeout(60)
class ResendIndexTest {

    @Test
    void everyLiveIdIsFoundAndNoRemovedOneThroughManyRebuildsInPlace() {
        TranscriptBlocks blocks = new TranscriptBlocks();
        // The "message" behind each seq: which sender and id it was sent with, as a transcript would confirm it.
        Map<Long, String> sent = new HashMap<>();
        ResendIndex index = new ResendIndex(blocks, (seq, from, id) -> (from + id).equals(sent.get(seq)));
        long seq = 0;
        int window = 300;
        for (int i = 0; i < 20_000; i++) {
            Sender from = i % 3 == 0 ? Sender.ADVOCATE : Sender.SURVIVOR;
            String id = "c" + i;
            index.put(from, id, ++seq);
            sent.put(seq, from + id);
            // A sliding window, as a trimmed transcript keeps: removals leave slots that rebuilds drop.
            if (seq > window) {
                long gone = seq - window;
                String was = sent.remove(gone);
                Sender goneFrom = was.startsWith(Sender.ADVOCATE.toString()) ? Sender.ADVOCATE : Sender.SURVIVOR;
                index.remove(goneFrom, was.substring(goneFrom.toString().length()), gone);
            }
        }
        assertEquals(window, index.size());
        for (long s = seq - window + 1; s <= seq; s++) {
            String was = sent.get(s);
            Sender from = was.startsWith(Sender.ADVOCATE.toString()) ? Sender.ADVOCATE : Sender.SURVIVOR;
            assertEquals(s, index.find(from, was.substring(from.toString().length())), "seq " + s);
        }
        assertEquals(0, index.find(Sender.SURVIVOR, "c1"), "removed long ago");
        assertEquals(0, index.find(Sender.ADVOCATE, "c" + (seq - 1)), "the right id from the wrong sender");
        // 300 live ids: a table of 2048 slots (live ones at most a quarter), 8 bytes each, in 16 blocks.
        assertEquals(16, index.blocksHeld(), "rebuilt in place: the table's blocks, no more");
        assertEquals(16, blocks.blocksInUse(), "every block of the tables it rebuilt from went back");
        index.clear();
        assertEquals(0, blocks.blocksInUse());
    }
}
