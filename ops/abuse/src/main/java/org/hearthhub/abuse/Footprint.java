package org.hearthhub.abuse;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) sizes.put(dir.relativize(file).toString(), attributes.size());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // The running hub's settings or statistics write: its temporary file, renamed into place since it was listed.
                if (e instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
                throw e;
            }
        });
        return sizes;
    }

    static long bytes(Path dir) throws IOException {
        return files(dir).values().stream().mapToLong(Long::longValue).sum();
    }
}
