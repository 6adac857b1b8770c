package org.hearthhub.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.util.Objects;

/**
 * Argon2id password hashes in PHC string form ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}).
 * Hashing is deliberately slow, so the asynchronous methods run on worker threads, never the event loop.
 * Verification reads the parameters from the stored hash, so raising them later keeps old hashes valid.
 */
public final class PasswordHasher {
    /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;
    private static final int OUTPUT_BYTES = 32;
    private static final int SALT_BYTES = 16;

    /**
     * Hashing gets its own small pool: each hash holds ~19 MiB for tens of milliseconds, so a burst of
     * logins must neither take every worker thread (file I/O waits behind it) nor heap memory without bound.
     */
    static final String POOL = "hearth-password-hashing";
    private static final int POOL_SIZE = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final Vertx vertx;
    private final WorkerExecutor pool;
    private final Argon2Function function;

    public PasswordHasher(Vertx vertx) {
        this(vertx, DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }

    /** Other cost parameters; tests use cheap ones to stay fast. */
    public PasswordHasher(Vertx vertx, int memoryKib, int iterations, int parallelism) {
        this(Objects.requireNonNull(vertx, "vertx"), argon2id(memoryKib, iterations, parallelism));
    }

    private PasswordHasher(Vertx vertx, Argon2Function function) {
        this.vertx = vertx;
        this.pool = vertx == null ? null : vertx.createSharedWorkerExecutor(POOL, POOL_SIZE);
        this.function = function;
    }

    /** A hasher for command-line use, where there is no event loop: only {@link #hashNow} and {@link #verifyNow} work. */
    public static PasswordHasher withoutVertx() {
        return new PasswordHasher(null, argon2id(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM));
    }

    private static Argon2Function argon2id(int memoryKib, int iterations, int parallelism) {
        if (parallelism < 1 || iterations < 1 || memoryKib < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 parameters out of range: m=" + memoryKib + " t=" + iterations + " p=" + parallelism);
        }
        return Argon2Function.getInstance(memoryKib, iterations, parallelism, OUTPUT_BYTES, Argon2.ID,
                Argon2Function.ARGON2_VERSION_13);
    }

    public Future<String> hash(String password) {
        return pool().executeBlocking(() -> hashNow(password), false);
    }

    /** True when the password matches; false for a wrong password or a hash this hasher cannot read. */
    public Future<Boolean> verify(String password, String hash) {
        return pool().executeBlocking(() -> verifyNow(password, hash), false);
    }

    /** Blocks the calling thread; for the CLI and worker threads only. */
    public String hashNow(String password) {
        Objects.requireNonNull(password, "password");
        return Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult();
    }

    /** Blocks the calling thread; for the CLI and worker threads only. */
    public boolean verifyNow(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$argon2")) return false;
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException malformedHash) {
            return false;
        }
    }

    /** How many hashes run at once; more wait for a thread. */
    public int poolSize() {
        return POOL_SIZE;
    }

    private WorkerExecutor pool() {
        vertx();
        return pool;
    }

    Vertx vertx() {
        if (vertx == null) throw new IllegalStateException("this PasswordHasher has no Vert.x instance; use hashNow/verifyNow");
        return vertx;
    }
}
