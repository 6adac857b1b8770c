package org.hearthhub.abuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The hub under attack: where it listens, its process and data directory, and its first lead's password. */
interface Target extends AutoCloseable {
    /** Where the hub writes the first lead's password on its first start (username {@code lead}). */
    String LEAD_PASSWORD_FILE = "first-lead-password.txt";

    String url();

    /** The process whose VmRSS and open sockets are read from /proc. */
    long pid();

    Path dataDir();

    /** Null while the hub runs; how it ended otherwise. */
    String exit();

    default String leadPassword() throws IOException {
        return Files.readString(dataDir().resolve(LEAD_PASSWORD_FILE)).strip();
    }

    @Override
    void close() throws Exception;

    /** Starts a fresh hub, on 127.0.0.1 in a data directory of its own, with the embedded default plus {@code env}. */
    interface Factory {
        Target start(Map<String, String> env) throws Exception;
    }
}
