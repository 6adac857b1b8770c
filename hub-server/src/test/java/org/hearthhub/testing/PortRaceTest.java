package org.hearthhub.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The servers that must name their port before listening (the hub, redis-server) pick a free one; when
 * another process binds it first, they start on another instead of failing, or of taking the other
 * process for themselves.
 */
@ExtendWith(VertxExtension.class)
class PortRaceTest {
    @TempDir
    Path dir;

    @Test
    void aHubWhosePortIsTakenBeforeItListensStartsOnAFreshOne(Vertx vertx) throws Exception {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            AtomicInteger tries = new AtomicInteger();
            int[] ports = {squatter.getLocalPort(), FreePort.pick()};
            try (TestHub hub = TestHub.start(() -> ports[tries.getAndIncrement()], vertx, dir.resolve("data"), Map.of(),
                    TestHub.TIMER_OFF_MILLIS, TestHub.fastHasher(vertx))) {
                assertEquals(2, tries.get());
                assertEquals(ports[1], hub.port());
                assertEquals("http://localhost:" + ports[1], hub.publicUrl(), "the public URL names the port it got");
                HttpResponse<Buffer> status = TestHub.await(hub.http().get(hub.port(), "localhost", "/api/v1/status").send());
                assertEquals(200, status.statusCode());
            }
        }
    }

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
