package org.hearthhub.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditHash;
import org.hearthhub.audit.AuditRecord;
import org.hearthhub.util.HubJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Large audit logs with a valid hash chain, written straight in a store's own format (far faster than
 * appending entry by entry): as a data directory's monthly files, or as the settings Redis's list. The
 * Redis byte count is left unset, as a log written before it existed. Staff actions only, one in
 * {@link #ANA_EVERY} by "ana", so that filters have something to find.
 */
public final class GeneratedAuditLog {
    public static final int ANA_EVERY = 10;
    private static final ObjectMapper JSON = HubJson.mapper();

    private GeneratedAuditLog() {
    }

    /** Entry {@code seq}'s record: the time is {@code first} plus {@code step} per entry before it. */
    public static AuditRecord record(long seq, Instant first, Duration step) {
        Instant at = first.plus(step.multipliedBy(seq - 1));
        return seq % ANA_EVERY == 0
                ? new AuditRecord(at, "ana", "shift.start", "ana", "capacity=2")
                : new AuditRecord(at, "lena", "settings.update", "hours", null);
    }

    /** Writes entries 1..count into {@code dataDir}'s file store (program "main"); returns the last. */
    public static AuditEntry intoDataDir(Path dataDir, long count, Instant first, Duration step) throws IOException {
        return intoDataDir(dataDir, count, Long.MAX_VALUE, first, step);
    }

    /** Writes as many entries as fit in {@code bytes} into {@code dataDir}'s file store; returns the last. */
    public static AuditEntry intoDataDirUpTo(Path dataDir, long bytes, Instant first, Duration step) throws IOException {
        return intoDataDir(dataDir, Long.MAX_VALUE, bytes, first, step);
    }

    private static AuditEntry intoDataDir(Path dataDir, long count, long bytes, Instant first, Duration step) throws IOException {
        Path dir = dataDir.resolve("programs/main/audit");
        long written = 0;
        Files.createDirectories(dir);
        AuditEntry previous = null;
        YearMonth month = null;
        BufferedWriter out = null;
        try {
            for (long seq = 1; seq <= count; seq++) {
                AuditEntry e = AuditHash.next(previous, record(seq, first, step));
                String line = JSON.writeValueAsString(e) + "\n";
                written += line.getBytes(StandardCharsets.UTF_8).length;
                if (written > bytes) break;
                YearMonth m = YearMonth.from(e.record().at().atZone(ZoneOffset.UTC));
                if (!m.equals(month)) {
                    if (out != null) out.close();
                    out = Files.newBufferedWriter(dir.resolve("audit-" + m + ".jsonl"), StandardCharsets.UTF_8);
                    month = m;
                }
                out.write(line);
                previous = e;
            }
        } finally {
            if (out != null) out.close();
        }
        return previous;
    }

    /** Pushes entries 1..count onto the settings Redis's audit list of program "main"; returns the last. */
    public static AuditEntry intoRedis(RedisServer redis, long count, Instant first, Duration step) {
        AuditEntry[] last = new AuditEntry[1];
        redis.inspect(r -> last[0] = push(r, count, first, step));
        return last[0];
    }

    private static AuditEntry push(RedisCommands<String, String> redis, long count, Instant first, Duration step) {
        AuditEntry previous = null;
        List<String> batch = new ArrayList<>();
        Consumer<List<String>> flush = lines -> {
            if (!lines.isEmpty()) redis.rpush("hearth:{main}:audit", lines.toArray(String[]::new));
            lines.clear();
        };
        try {
            for (long seq = 1; seq <= count; seq++) {
                previous = AuditHash.next(previous, record(seq, first, step));
                batch.add(JSON.writeValueAsString(previous));
                if (batch.size() == 5000) flush.accept(batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush.accept(batch);
        return previous;
    }
}
