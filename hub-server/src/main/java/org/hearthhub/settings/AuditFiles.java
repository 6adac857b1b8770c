package org.hearthhub.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.hearthhub.audit.AuditCap;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.audit.AuditHash;
import org.hearthhub.audit.AuditRecord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The file store's audit log: {@code audit/audit-YYYY-MM.jsonl}, one JSON entry per line, appended and
 * fsynced (the format every earlier version wrote, read in place). Nothing here reads a file whole: the
 * tail is found from the end, a page by a binary search on byte offsets, and a prune copies the kept
 * part of one file, so memory stays bounded however large the log has grown. Unreadable lines (a torn
 * write, or tampering) are skipped when reading; verification then reports the gap.
 * <p>
 * Not thread-safe: {@link FileAuditLog} calls it under the store's lock ({@link FileLane}), on worker threads.
 */
final class AuditFiles {
    private final Path dir;
    private final ObjectMapper json;
    private final ObjectReader entries;
    // Loaded (and a torn tail repaired) on first use.
    private boolean opened;
    private AuditEntry last;
    private long bytes;

    AuditFiles(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
        this.entries = json.readerFor(AuditEntry.class);
    }

    AuditEntry append(AuditRecord record) throws IOException {
        open();
        AuditEntry entry = AuditHash.next(last, record);
        // Months only move forward, even if the clock steps back across a month boundary.
        Path file = dir.resolve(fileName(record.at()));
        Optional<Path> tail = lastOf(files());
        if (tail.isPresent() && tail.get().getFileName().toString().compareTo(file.getFileName().toString()) > 0) {
            file = tail.get();
        }
        byte[] line = (json.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        DurableFiles.append(file, line);
        last = entry;
        bytes += line.length;
        return entry;
    }

    List<AuditEntry> page(long fromSeq, int limit) throws IOException {
        open();
        List<AuditEntry> out = new ArrayList<>();
        if (limit <= 0) return out;
        List<Path> files = files();
        int first = 0;
        for (int i = files.size() - 1; i > 0; i--) {
            Optional<AuditEntry> head = firstEntry(files.get(i));
            if (head.isPresent() && head.get().seq() <= fromSeq) {
                first = i;
                break;
            }
        }
        for (int i = first; i < files.size() && out.size() < limit; i++) {
            long offset = i == first ? offsetOf(files.get(i), fromSeq) : 0;
            try (LineCursor cursor = LineCursor.atLineStart(files.get(i), offset)) {
                for (LineCursor.Line l = cursor.next(); l != null && out.size() < limit; l = cursor.next()) {
                    parse(l.text()).filter(e -> e.seq() >= fromSeq).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    long bytes() throws IOException {
        open();
        return bytes;
    }

    /**
     * Drops the oldest lines while they are older than {@code cutoff} or the log is past its cap, never the
     * newest entry. Whole files go by deletion; the one file cut in the middle is rewritten from the first
     * kept line on (temporary file, fsync, rename). Unreadable lines in the dropped prefix go with it.
     */
    int prune(Instant cutoff, AuditCap cap) throws IOException {
        open();
        if (last == null) return 0;
        long excess = cap.excess(bytes);
        long removed = 0;
        int dropped = 0;
        List<Path> files = files();
        for (int i = 0; i < files.size(); i++) {
            long keepFrom = -1;
            try (LineCursor cursor = new LineCursor(files.get(i), 0)) {
                for (LineCursor.Line l = cursor.next(); l != null; l = cursor.next()) {
                    Optional<AuditEntry> e = parse(l.text());
                    boolean newest = e.isPresent() && e.get().seq() == last.seq();
                    boolean old = e.map(x -> x.record().at().isBefore(cutoff)).orElse(true);
                    if (newest || !(old || removed < excess)) {
                        keepFrom = l.start();
                        break;
                    }
                    removed += l.end() - l.start();
                    if (e.isPresent()) dropped++;
                }
            }
            if (keepFrom < 0 && i < files.size() - 1) {
                Files.delete(files.get(i));
                continue;
            }
            if (keepFrom > 0) DurableFiles.dropPrefix(files.get(i), keepFrom);
            break;
        }
        bytes = totalSize(files());
        return dropped;
    }

    /** Finds the chain's tail; a line torn by a crash is closed with a newline so it stays an ignored line. */
    private void open() throws IOException {
        if (opened) return;
        List<Path> files = files();
        Optional<Path> tail = lastOf(files);
        if (tail.isPresent() && !DurableFiles.endsWithNewline(tail.get())) {
            DurableFiles.append(tail.get(), new byte[]{'\n'});
        }
        for (int i = files.size() - 1; i >= 0 && last == null; i--) last = lastEntry(files.get(i)).orElse(null);
        bytes = totalSize(files);
        opened = true;
    }

    /** The byte offset of the first line whose entry has at least this seq (entries are in seq order within a file). */
    private long offsetOf(Path file, long seq) throws IOException {
        if (seq <= 1) return 0;
        long lo = 0;
        long hi = Files.size(file);
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            try (LineCursor cursor = LineCursor.atLineStart(file, mid)) {
                long nextLine = -1;
                for (LineCursor.Line l = cursor.next(); l != null; l = cursor.next()) {
                    Optional<AuditEntry> e = parse(l.text());
                    if (e.isPresent()) {
                        if (e.get().seq() < seq) nextLine = l.end();
                        break;
                    }
                }
                if (nextLine < 0) {
                    hi = mid;
                } else {
                    lo = Math.min(nextLine, hi); // min: ends even on a file whose seqs are out of order (tampered)
                }
            }
        }
        return lo;
    }

    private Optional<AuditEntry> firstEntry(Path file) throws IOException {
        try (LineCursor cursor = new LineCursor(file, 0)) {
            for (LineCursor.Line l = cursor.next(); l != null; l = cursor.next()) {
                Optional<AuditEntry> e = parse(l.text());
                if (e.isPresent()) return e;
            }
            return Optional.empty();
        }
    }

    /** Reads a window at the file's end, widening it only while it holds no readable entry. */
    private Optional<AuditEntry> lastEntry(Path file) throws IOException {
        long size = Files.size(file);
        for (long window = 64 * 1024; ; window *= 4) {
            long from = Math.max(0, size - window);
            AuditEntry found = null;
            try (LineCursor cursor = LineCursor.atLineStart(file, from)) {
                for (LineCursor.Line l = cursor.next(); l != null; l = cursor.next()) {
                    found = parse(l.text()).orElse(found);
                }
            }
            if (found != null || from == 0) return Optional.ofNullable(found);
        }
    }

    private Optional<AuditEntry> parse(String line) {
        if (line == null || line.isBlank()) return Optional.empty();
        try {
            AuditEntry e = entries.readValue(line);
            return e.record() == null || e.hash() == null || e.prevHash() == null || e.record().at() == null
                    ? Optional.empty() : Optional.of(e);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("audit-") && n.endsWith(".jsonl");
            }).sorted().toList();
        }
    }

    private static long totalSize(List<Path> files) throws IOException {
        long total = 0;
        for (Path f : files) total += Files.size(f);
        return total;
    }

    private static String fileName(Instant at) {
        return "audit-" + YearMonth.from(at.atZone(ZoneOffset.UTC)) + ".jsonl";
    }

    private static <T> Optional<T> lastOf(List<T> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }
}
