package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code server.portFile}: where a listening hub says which port it listens on, for what started it (a launcher
 * that asked for port 0, a container's or systemd's health check). The file holds the port in decimal and a
 * newline. It is written beside the target and renamed over it, so a reader finds no file or a whole line, never
 * part of one; a clean stop deletes it unless another hub has written its own port there since.
 */
public final class PortFile {
    private static final Logger LOG = Logger.getLogger(PortFile.class.getName());
    /** The port is no secret: a health check running as another user may read it. */
    private static final String READABLE = "rw-r--r--";

    /** Null when no port file was asked for. */
    private final Path file;
    private final int port;

    private PortFile(Path file, int port) {
        this.file = file;
        this.port = port;
    }

    /** @param file {@code server.portFile}; null for none (then writing and removing do nothing) */
    static PortFile of(Path file, int port) {
        return new PortFile(file == null ? null : file.toAbsolutePath(), port);
    }

    /** Fails, naming the option and the file, when it cannot be written: whoever asked for it would wait for it in vain. */
    Future<Void> write(Vertx vertx) {
        if (file == null) return Future.succeededFuture();
        FileSystem fs = vertx.fileSystem();
        String perms = FileSystems.getDefault().supportedFileAttributeViews().contains("posix") ? READABLE : null;
        return fs.createTempFile(file.getParent().toString(), "." + file.getFileName(), ".tmp", perms)
                .compose(partial -> fs.writeFile(partial, Buffer.buffer(line(port)))
                        .compose(v -> fs.move(partial, file.toString(), new CopyOptions().setAtomicMove(true).setReplaceExisting(true)))
                        .onFailure(e -> fs.delete(partial)))
                .recover(e -> Future.failedFuture(new IllegalStateException("cannot write the port to server.portFile "
                        + "(HEARTH_PORT_FILE) " + file + ": " + (e.getCause() != null ? e.getCause() : e), e)));
    }

    /** Deletes the file if it still names this hub's port; never fails (a stop goes on). */
    Future<Void> remove(Vertx vertx) {
        if (file == null) return Future.succeededFuture();
        return vertx.<Void>executeBlocking(() -> {
            if (read(file).equals(OptionalInt.of(port))) Files.deleteIfExists(file);
            return null;
        }, false).recover(e -> {
            LOG.log(Level.WARNING, "could not delete the port file " + file + ": " + e.getMessage());
            return Future.succeededFuture();
        });
    }

    /**
     * The port a hub wrote to {@code file}: empty while there is no file or no whole line in it yet (a writer other
     * than the hub need not rename). Blocking.
     *
     * @throws IOException when the file cannot be read, or its line is not a port
     */
    public static OptionalInt read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        }
        if (!text.endsWith("\n")) return OptionalInt.empty();
        try {
            return OptionalInt.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw new IOException(file + " holds no port: '" + text.strip() + "'");
        }
    }

    private static String line(int port) {
        return port + "\n";
    }
}
