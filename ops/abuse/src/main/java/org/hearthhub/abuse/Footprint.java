package org.hearthhub.abuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the hub holds, read from outside it: open sockets from /proc, files in its data directory. */
final class Footprint {
    private Footprint() {
    }

    /** Open sockets of a process (its file descriptors that are sockets), or -1 when /proc cannot tell. */
    static int sockets(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return (int) fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Every file under {@code dir} with its size, by path relative to {@code dir}. */
    static Map<String, Long> files(Path dir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!Files.isRegularFile(p)) continue;
                try {
                    sizes.put(dir.relativize(p).toString(), Files.size(p));
                } catch (NoSuchFileException renamed) {
                    // A settings or statistics write's temporary file, renamed into place since it was listed.
                }
            }
        }
        return sizes;
    }

    static long bytes(Path dir) throws IOException {
        return files(dir).values().stream().mapToLong(Long::longValue).sum();
    }
}
