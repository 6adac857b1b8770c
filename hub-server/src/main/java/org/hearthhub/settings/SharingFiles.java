package org.hearthhub.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import org.hearthhub.sharing.SharingEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The file store's sharing register: {@code sharing/sharing-YYYY-MM.jsonl}, one JSON entry per line,
 * appended and fsynced as the audit log is ({@link DurableFiles#append}). A line torn by a crash is
 * closed with a newline before the next append, so it stays one skipped line and never merges with the
 * next entry. A month is small (a program's referrals), so it is read whole.
 * <p>
 * Not thread-safe: {@link FileSharingRegister} calls it under the store's lock ({@link FileLane}), on worker threads.
 */
final class SharingFiles {
    private final Path dir;
    private final ObjectMapper json;
    private final ObjectReader entries;

    SharingFiles(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
        this.entries = json.readerFor(SharingEntry.class);
    }

    void append(SharingEntry entry) throws IOException {
        Path file = file(YearMonth.from(entry.at().atZone(ZoneOffset.UTC)));
        String line = json.writeValueAsString(entry) + "\n";
        if (Files.exists(file) && !DurableFiles.endsWithNewline(file)) line = "\n" + line;
        DurableFiles.append(file, line.getBytes(StandardCharsets.UTF_8));
    }

    List<SharingEntry> month(YearMonth month) throws IOException {
        Path file = file(month);
        List<SharingEntry> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                SharingEntry e = entries.readValue(line);
                if (e != null && e.at() != null) out.add(e);
            } catch (JsonProcessingException torn) {
                // a torn tail from a crash: the entry was never acknowledged
            }
        }
        return out;
    }

    private Path file(YearMonth month) {
        return dir.resolve("sharing-" + month + ".jsonl");
    }
}
