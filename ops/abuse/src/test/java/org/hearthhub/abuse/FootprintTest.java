package org.hearthhub.abuse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FootprintTest {
    @TempDir
    Path dir;

    /** The hub writes a file as a temporary one renamed into place; a walk meanwhile counts what it finds, and fails on nothing. */
    @Test
    void aFileRenamedWhileTheDirectoryIsWalkedIsNotAnError() throws Exception {
        Path stats = Files.createDirectories(dir.resolve("programs/main/stats"));
        Files.writeString(stats.resolve("2026-12.json"), "{}");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger renames = new AtomicInteger();
        AtomicReference<Exception> writerFailed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                while (writing.get()) {
                    Path tmp = Files.createTempFile(stats, ".2026-12.json", ".tmp");
                    Files.writeString(tmp, "{}");
                    Files.move(tmp, stats.resolve("2026-12.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    renames.incrementAndGet();
                }
            } catch (Exception e) {
                writerFailed.set(e);
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 5_000; i++) {
                assertEquals(2, Footprint.files(dir).getOrDefault("programs/main/stats/2026-12.json", -1L), "walk " + i);
            }
        } finally {
            writing.set(false);
            writer.join();
        }
        // The walks raced real renames: a writer that failed or never ran would have left nothing to race.
        assertNull(writerFailed.get(), "the writer failed");
        assertTrue(renames.get() > 0, "renames while walking: " + renames.get());
    }
}
