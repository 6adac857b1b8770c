package org.hearthhub.ws;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The socket directory's indexes (sockets by advocate, by conversation) are changed from several event
 * loops at once: a console reloading opens its new socket on one loop while its old one closes on
 * another. A socket filed while another under the same key is taken out must stay findable.
 */
class SocketDirectoryIndexTest {
    @Test
    void aSocketFiledWhileAnotherUnderItsKeyLeavesIsNeverLost() throws Exception {
        Map<String, Set<String>> byUser = new ConcurrentHashMap<>();
        int rounds = 200_000;
        AtomicInteger lost = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        Thread closingTab = new Thread(() -> {
            awaitQuietly(start);
            for (int i = 0; i < rounds; i++) {
                SocketDirectory.file(byUser, "maria", "old tab");
                SocketDirectory.unfile(byUser, "maria", "old tab");
            }
        });
        Thread reloadedTab = new Thread(() -> {
            awaitQuietly(start);
            for (int i = 0; i < rounds; i++) {
                SocketDirectory.file(byUser, "maria", "new tab");
                if (!byUser.getOrDefault("maria", Set.of()).contains("new tab")) lost.incrementAndGet();
                SocketDirectory.unfile(byUser, "maria", "new tab");
            }
        });
        closingTab.start();
        reloadedTab.start();
        start.countDown();
        closingTab.join();
        reloadedTab.join();
        assertEquals(0, lost.get(), "filed sockets that their key's index did not hold");
        assertEquals(Map.of(), byUser, "every key left once its last socket did");
    }

    @Test
    void aKeyKeptToItsMostLetsItsOldestGoForTheNewest() {
        Map<String, Set<String>> byChat = new ConcurrentHashMap<>();
        assertNull(SocketDirectory.file(byChat, "c1", "first", 2));
        assertNull(SocketDirectory.file(byChat, "c1", "second", 2));
        assertEquals("first", SocketDirectory.file(byChat, "c1", "third", 2));
        assertEquals("second", SocketDirectory.file(byChat, "c1", "fourth", 2));
        assertEquals(List.of("third", "fourth"), List.copyOf(byChat.get("c1")));
        assertNull(SocketDirectory.file(byChat, "c1", "fourth", 2), "filed again, a socket displaces nobody");
        assertNull(SocketDirectory.file(byChat, "c2", "other chat", 2), "each key counts its own");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
