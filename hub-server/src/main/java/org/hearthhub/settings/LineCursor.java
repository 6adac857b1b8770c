package org.hearthhub.settings;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's lines forward from a byte offset through one fixed buffer, each with the offsets where
 * it starts and ends, so memory stays bounded whatever the file's size. A line longer than
 * {@link #MAX_LINE} bytes comes back without text (skipped whole): one huge line cannot exhaust the heap.
 * Bytes that are not valid UTF-8 (a write torn inside a character) decode as replacement characters.
 * Blocking: call from worker threads.
 */
final class LineCursor implements Closeable {
    static final int MAX_LINE = 64 * 1024;

    /** @param end offset just after the line's newline (or the end of the file); text null when too long */
    record Line(long start, long end, String text) {
    }

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private byte[] line = new byte[512];
    private long position;

    LineCursor(Path file, long offset) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.position = offset;
        channel.position(offset);
        buffer.flip();
    }

    /** The cursor on the first line that starts at or after {@code offset}. */
    static LineCursor atLineStart(Path file, long offset) throws IOException {
        if (offset == 0) return new LineCursor(file, 0);
        LineCursor cursor = new LineCursor(file, offset - 1);
        cursor.next(); // the rest of the line that offset - 1 is in: empty when it is that line's newline
        return cursor;
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        long start = position;
        int length = 0;
        boolean tooLong = false;
        while (true) {
            if (!buffer.hasRemaining()) {
                buffer.clear();
                int n = channel.read(buffer);
                buffer.flip();
                if (n <= 0) return position == start ? null : line(start, length, tooLong);
            }
            byte b = buffer.get();
            position++;
            if (b == '\n') return line(start, length, tooLong);
            if (tooLong) continue;
            if (length == MAX_LINE) {
                tooLong = true;
                continue;
            }
            if (length == line.length) line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
            line[length++] = b;
        }
    }

    private Line line(long start, int length, boolean tooLong) {
        return new Line(start, position, tooLong ? null : new String(line, 0, length, StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
