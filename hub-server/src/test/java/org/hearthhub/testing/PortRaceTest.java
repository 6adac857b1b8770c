package org.hearthhub.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * redis-server must be told its port before it listens, so the tests pick a free one; when another process
 * binds it first, the server starts on another instead of failing, or of taking the other process for itself.
 * (The hub needs none of this: it listens on port 0 and says which port it got.)
 */
class PortRaceTest {
    @TempDir
    Path dir;

    @Test
    void aRedisWhosePortAnotherRedisTookStartsOnAFreshOneAndLeavesTheOtherAlone() throws Exception {
        try (RedisServer first = RedisServer.start(dir.resolve("first"));
             RedisServer second = RedisServer.onPort(dir.resolve("second"), first.port())) {
            second.start();
            assertNotEquals(first.port(), second.port());
            assertTrue(second.isUp());
            second.inspect(r -> r.set("whose", "second"));
            first.inspect(r -> assertEquals(0L, r.exists("whose"), "the second server's writes went to itself"));
            second.close();
            assertTrue(first.isUp(), "closing the second server did not shut down the first");
        }
    }

    @Test
    void aRedisRestartWhosePortWasTakenMeanwhileFailsSayingSo() throws Exception {
        RedisServer restarted = RedisServer.start(dir.resolve("restarted"));
        restarted.stop();
        try (RedisServer squatter = RedisServer.onPort(dir.resolve("squatter"), restarted.port())) {
            squatter.start();
            IllegalStateException e = assertThrows(IllegalStateException.class, restarted::start);
            assertTrue(e.getMessage().contains("another process holds it"), e.getMessage());
            assertTrue(!restarted.isUp() && squatter.isUp(), "the squatter is not taken for the restarted server");
            restarted.close();
            assertTrue(squatter.isUp(), "closing the server that failed to restart left the squatter running");
        }
    }
}
