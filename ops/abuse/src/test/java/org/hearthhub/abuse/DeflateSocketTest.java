package org.hearthhub.abuse;

import org.junit.jupiter.api.Test;

import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeflateSocketTest {
    @Test
    void sixtyMebibytesDeflateToOneFrameUnderTheHubsFrameCap() throws Exception {
        int inflated = 60 << 20;
        byte[] bomb = DeflateSocket.bomb(inflated);
        assertTrue(bomb.length < 64 * 1024, "fits a 64 KiB frame: " + bomb.length);

        // Inflated as a permessage-deflate reader does: the flush tail put back.
        Inflater inflater = new Inflater(true);
        byte[] input = new byte[bomb.length + 4];
        System.arraycopy(bomb, 0, input, 0, bomb.length);
        System.arraycopy(new byte[]{0, 0, (byte) 0xff, (byte) 0xff}, 0, input, bomb.length, 4);
        inflater.setInput(input);
        byte[] buf = new byte[1 << 20];
        long total = 0;
        byte first = 0;
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            if (total == 0) first = buf[0];
            total += n;
        }
        inflater.end();
        assertEquals(inflated, total);
        assertEquals('{', first, "a JSON frame");
    }
}
