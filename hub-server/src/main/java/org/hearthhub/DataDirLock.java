package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one process that may write a data directory: a hub for as long as it runs, or a {@code user} command for as long
 * as it works. Two writers would each keep their own picture of the files (a hub serves the accounts it read; its next
 * audit entry would clash with the command's and break the log's chain).
 *
 * <p>An OS lock ({@link FileChannel#tryLock()}) on {@value #FILE} in the directory: the system lets go of it when the
 * process ends, however it ends, so a crash leaves nothing to clean up. The file holds the holder's process id, for the
 * refusal to name, and stays after a stop: deleting it would let a process that opened the old file and one that
 * creates a new one both hold "the" lock.
 */
public final class DataDirLock {
    private static final Logger LOG = Logger.getLogger(DataDirLock.class.getName());
    public static final String FILE = "hearth.lock";

    private final FileChannel channel;
    private final Path file;

    private DataDirLock(FileChannel channel, Path file) {
        this.channel = channel;
        this.file = file;
    }

    /** Another process holds the directory (or, in tests, another hub of this one). */
    public static final class InUse extends IOException {
        InUse(String message) {
            super(message);
        }
    }

    /** The directory a {@code user} command was pointed at is not there, and the command does not make it. */
    public static final class NotThere extends IOException {
        NotThere(String message) {
            super(message);
        }
    }

    /** What a {@code user} command does when the data directory is missing. */
    public enum IfMissing {
        /** Refuse: a reset has nothing to reset there, so the path is mistyped. */
        REFUSE,
        /**
         * Make the directory, as a first start would, where its parent is there ({@code ./data}, {@code /var/lib/hearth/node-8081}
         * before the hub's first start): a {@code user add} on a fresh install. A missing parent is taken for a typo.
         */
        MAKE_IN_EXISTING_PARENT
    }

    /** {@link #take(Path)} on a worker thread. */
    static Future<DataDirLock> take(Vertx vertx, Path dataDir) {
        return vertx.executeBlocking(() -> take(dataDir), false);
    }

    /**
     * Makes the directory if it is missing, then takes its lock, or fails at once (never waits for it). Blocking.
     *
     * @throws InUse       when another process holds it; the message says which and what to do
     * @throws IOException when the directory or the file cannot be made or opened
     */
    public static DataDirLock take(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        return lock(dir);
    }

    /**
     * As {@link #take(Path)} for a {@code user} command, which must not leave a directory and its lock file behind at a
     * mistyped path: a missing directory is refused or made as {@code ifMissing} says. Blocking.
     *
     * @throws NotThere when the directory is missing and not to be made; the message names it, and nothing was made
     */
    public static DataDirLock takeForCommand(Path dataDir, IfMissing ifMissing) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            Path parent = dir.getParent();
            if (ifMissing == IfMissing.REFUSE) throw new NotThere("the data directory " + dir + " does not exist");
            if (parent == null || !Files.isDirectory(parent)) {
                throw new NotThere("the data directory " + dir + " does not exist, nor does " + parent);
            }
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile (a hub's first start): taking the lock decides who may write
            }
        }
        return lock(dir);
    }

    private static DataDirLock lock(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        // Not truncated on opening: the holder's process id is what a refused process names.
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process, through another channel
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holderOf(channel);
            channel.close();
            throw new InUse("the data directory " + dir + " is in use by another hearth-hub process (" + holder + FILE + ")");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new DataDirLock(channel, file);
    }

    /** "pid 1234, " from the file, or nothing while the holder has not written it yet. */
    private static String holderOf(FileChannel channel) {
        try {
            ByteBuffer read = ByteBuffer.allocate(32);
            channel.read(read, 0);
            String pid = new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]{1,19}") ? "pid " + pid + ", " : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Lets go of the directory; never fails (a stop goes on), and a second call does nothing. */
    public void release() {
        try {
            channel.close(); // releases the lock with it
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not close " + file + " (the lock goes with the process in any case): " + e.getMessage());
        }
    }

    /**
     * {@link #release()} off the event loop, on a thread of the JVM's common pool rather than a Vert.x worker: a Vert.x
     * that is closing (a stop raced by the JVM's shutdown) may drop a worker task, whose future then never completes,
     * and a closed one refuses it. Never fails.
     */
    Future<Void> releaseOffTheLoop() {
        return Future.fromCompletionStage(CompletableFuture.runAsync(this::release));
    }
}
