package org.hearthhub.settings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Crash-safe file writes for the settings store: a reader (or a restart after power loss) sees the
 * old or the new content, never a mix. Files and directories are owner-only where POSIX permissions
 * exist, because they hold password hashes and the access log. Blocking: call from worker threads.
 */
final class DurableFiles {
    private DurableFiles() {
    }

    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        createDirectories(dir.toAbsolutePath().getParent());
        try {
            Files.createDirectory(dir, attrs(dir, "rwx------"));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /** Temp file in the same directory, fsync, atomic rename over the target, fsync the directory. */
    static void replace(Path target, byte[] content) throws IOException {
        replace(target, ch -> writeFully(ch, content));
    }

    /**
     * Cuts the first {@code offset} bytes off a file, as {@link #replace} does (the old or the new content,
     * never a mix), copying the rest file to file so it is never held in memory.
     */
    static void dropPrefix(Path target, long offset) throws IOException {
        try (FileChannel source = FileChannel.open(target, StandardOpenOption.READ)) {
            replace(target, ch -> {
                long size = source.size();
                for (long at = offset; at < size; ) at += source.transferTo(at, size - at, ch);
            });
        }
    }

    private interface Content {
        void writeTo(FileChannel ch) throws IOException;
    }

    private static void replace(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attrs(dir, "rw-------"));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                content.writeTo(ch);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the data directory's file system cannot rename atomically: " + dir, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    /** Appends and fsyncs; a crash can leave at most a torn tail, which readers must tolerate. */
    static void append(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        boolean created = false;
        if (!Files.exists(file)) {
            try {
                Files.createFile(file, attrs(dir, "rw-------"));
                created = true;
            } catch (FileAlreadyExistsException ignored) {
                // someone else created it; appending is still right
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            writeFully(ch, content);
            ch.force(true);
        }
        if (created) syncDirectory(dir);
    }

    /** Whether an append-only file's last line is whole (a crash can tear it). */
    static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() == 0) return true;
            ByteBuffer lastByte = ByteBuffer.allocate(1);
            ch.read(lastByte, ch.size() - 1);
            return lastByte.get(0) == '\n';
        }
    }

    /** Makes a rename or a new file durable; not every platform can open a directory, which is fine. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows: directory entries are durable with the file there
        }
    }

    private static void writeFully(FileChannel ch, byte[] content) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) ch.write(buf);
    }

    private static FileAttribute<?>[] attrs(Path dir, String perms) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms))}
                : new FileAttribute<?>[0];
    }
}
