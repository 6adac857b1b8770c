package org.hearthhub.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the operating system holds for the process (Linux): the resident set size from {@code /proc/self/status}
 * and the proportional set size from {@code /proc/self/smaps_rollup}. The JVM reports heap and non-heap pools
 * but not these. RSS counts a page once for every mapping of it, and ZGC maps the heap three times, so under
 * ZGC RSS reads about three times what is held; PSS counts each page once.
 */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path SMAPS_ROLLUP = Path.of("/proc/self/smaps_rollup");

    private ResidentMemory() {
    }

    /** Bytes resident, or -1 where /proc is not there (not Linux). Reads a file: call off the event loop. */
    static long bytes() {
        try {
            return parse(Files.readString(STATUS, StandardCharsets.US_ASCII));
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Both figures, read now; -1 for one the kernel does not give. Reads files: off the event loop. */
    static Reading read() {
        return new Reading(bytes(), proportionalBytes());
    }

    /** Resident set size and proportional set size, in bytes. */
    record Reading(long resident, long proportional) {
    }

    /** Bytes held counting each page once (Pss), or -1 where the kernel does not say. Reads a file: off the event loop. */
    static long proportionalBytes() {
        try {
            return field(Files.readString(SMAPS_ROLLUP, StandardCharsets.US_ASCII), "Pss:");
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }

    /** Parses the {@code VmRSS:   123456 kB} line. */
    static long parse(String status) {
        return field(status, "VmRSS:");
    }

    /** The value of a {@code Name:   123456 kB} line, in bytes; -1 when there is none. */
    static long field(String text, String name) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name)) continue;
            String[] parts = line.substring(name.length()).trim().split("\\s+");
            try {
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
