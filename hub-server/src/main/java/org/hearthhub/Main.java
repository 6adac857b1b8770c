package org.hearthhub;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.cli.AccountTools;
import org.hearthhub.cli.HearthCli;
import org.hearthhub.cli.UserAddCommand;
import org.hearthhub.cli.UserResetCommand;
import org.hearthhub.config.ConfigException;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.live.RedisLiveStore;
import org.hearthhub.logging.LogSetup;
import org.hearthhub.redis.RedisUrl;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.settings.SettingsStore;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code java -jar hearth-hub.jar [--config FILE]} runs the hub;
 * {@code java -jar hearth-hub.jar user add …} adds an account where the hub keeps them (the settings
 * Redis when one is configured, else the data directory), {@code user reset …} lets one back in. {@code --help} on each says more ({@link HearthCli}).
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    /** The user commands' standard input, production hashing and the system clock. */
    private static final AccountTools HOST_TOOLS = new AccountTools(System.in, PasswordHasher.withoutVertx(), Clock.systemUTC());
    /** Set once the hub is starting: then the process lives on after {@code main} returns. */
    private static volatile boolean serving;

    private Main() {
    }

    public static void main(String[] args) {
        LogSetup.install();
        HearthCli.ServeOnly serveOnly = HearthCli.serveOnly(args);
        int code = serveOnly != null ? serve(serveOnly.configFile()) : HearthCli.commandLine(Main::serve,
                new UserAddCommand(Main::openAccounts, HOST_TOOLS), new UserResetCommand(Main::openForReset, HOST_TOOLS),
                System.out, System.err).execute(args);
        if (!serving) System.exit(code);
    }

    private static int serve(Path configFile) {
        long started = System.nanoTime();
        HubConfig config;
        try {
            config = ConfigLoader.load(configFile, System.getenv());
        } catch (ConfigException e) {
            System.err.println("hearth: configuration error: " + e.getMessage());
            return 2;
        }
        for (String name : ConfigLoader.unknownVariables(System.getenv())) {
            LOG.warning(name + " is set but is no option of this hub, so it is ignored: see docs/configuration.md for the names");
        }
        Vertx vertx = Vertx.vertx(vertxOptions(config.network().eventLoops()));
        serving = true;
        Path passwordFile = config.dataDir().resolve(FirstLeadBootstrap.PASSWORD_FILE).toAbsolutePath();
        // The ready line and the shutdown hook come before the port file: a launcher that finds the file finds the
        // line in the log, and can stop the hub cleanly at once.
        Hub.start(vertx, config, Clock.systemUTC(), Hub.DEFAULTS, hub -> vertx.fileSystem().exists(passwordFile.toString()).otherwise(false)
                .map(hasPasswordFile -> {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    // Only a node that holds the first lead's password file points to it (another node may have made it).
                    String firstLead = hasPasswordFile
                            ? "; first lead account '" + FirstLeadBootstrap.USERNAME + "', password in " + passwordFile : "";
                    // The hub's own configuration: with server.port 0, its URL names the port it got.
                    String url = hub.config().publicUrl();
                    LOG.info("Hearth hub ready in " + ms + " ms on " + url + " (port " + hub.port() + ", " + hub.eventLoops()
                            + " event loops on " + transport(vertx) + "; demo page: " + url + "/demo, staff console: " + url
                            + "/console" + firstLead + ")");
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> hub.stop().toCompletionStage().toCompletableFuture().join()));
                    return hub;
                })).onFailure(e -> {
            System.err.println("hearth: could not start: " + e.getMessage());
            System.exit(1);
        });
        return 0;
    }

    /** Accounts live where the hub reads them: the shared settings Redis when one is configured. */
    private static UserAddCommand.Target openAccounts(Path configFile) throws UserAddCommand.Unopenable {
        HubConfig config = configFor(configFile);
        return openAccounts(config, Vertx.vertx(vertxOptions(0)), DataDirLock.IfMissing.MAKE_IN_EXISTING_PARENT,
                "stop the hub first, or add the account in the lead console");
    }

    /**
     * The accounts as for {@code user add}, and the live Redis when one is configured: there the person's sessions and
     * sign-in locks are, for every node. A one-node hub keeps them in its own memory, which no other process reaches.
     */
    private static UserResetCommand.Target openForReset(Path configFile) throws UserAddCommand.Unopenable {
        HubConfig config = configFor(configFile);
        Vertx vertx = Vertx.vertx(vertxOptions(0));
        UserAddCommand.Target accounts = openAccounts(config, vertx, DataDirLock.IfMissing.REFUSE, "stop the hub first, reset, and start it again");
        String liveUrl = config.live().redisUrl();
        if (liveUrl == null) return new UserResetCommand.Target(config, accounts.store(), Optional.empty(), accounts.close());
        String location = "live Redis at " + RedisUrl.describe(RedisUrl.parse(liveUrl));
        RedisLiveStore live;
        try {
            live = RedisLiveStore.connect(vertx, config).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            accounts.close().run();
            throw new UserAddCommand.Unopenable(1, "hearth: cannot open the " + location + ": "
                    + (e.getCause() != null ? e.getCause() : e).getMessage());
        }
        return new UserResetCommand.Target(config, accounts.store(), Optional.of(new UserResetCommand.Live(live, location)), () -> {
            live.close().toCompletionStage().toCompletableFuture().join();
            accounts.close().run();
        });
    }

    private static HubConfig configFor(Path configFile) throws UserAddCommand.Unopenable {
        try {
            return ConfigLoader.load(configFile, System.getenv());
        } catch (ConfigException e) {
            throw new UserAddCommand.Unopenable(2, "hearth: configuration error: " + e.getMessage());
        }
    }

    /**
     * Closing the target closes {@code vertx} too. On the data directory the command holds it as a hub does, so that
     * it never writes under a running hub, nor a hub starts while it writes; the settings Redis is meant to be shared.
     *
     * @param ifMissing what a missing data directory means: a mistyped path, or (for {@code user add}) a fresh install
     * @param whileHeld what the operator is told to do when a hub holds the data directory
     */
    private static UserAddCommand.Target openAccounts(HubConfig config, Vertx vertx, DataDirLock.IfMissing ifMissing, String whileHeld)
            throws UserAddCommand.Unopenable {
        Optional<DataDirLock> lock;
        try {
            lock = config.settings().redisUrl() == null ? Optional.of(DataDirLock.takeForCommand(config.dataDir(), ifMissing)) : Optional.empty();
        } catch (DataDirLock.NotThere e) {
            vertx.close();
            throw new UserAddCommand.Unopenable(1, "hearth: " + e.getMessage()
                    + "; check server.dataDir or HEARTH_DATA_DIR (and --config), nothing was created.");
        } catch (DataDirLock.InUse e) {
            vertx.close();
            throw new UserAddCommand.Unopenable(1, "hearth: " + e.getMessage() + "; " + whileHeld + ".");
        } catch (IOException e) {
            vertx.close();
            throw new UserAddCommand.Unopenable(1, "hearth: cannot open the data directory " + config.dataDir().toAbsolutePath() + ": " + e);
        }
        SettingsStore store;
        try {
            store = lock.isPresent()
                    ? new FileSettingsStore(vertx, config.dataDir(), config.programId())
                    : RedisSettingsStore.connect(vertx, config.settings().redisUrl(), config.programId(), Clock.systemUTC())
                            .toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            lock.ifPresent(DataDirLock::release);
            vertx.close();
            throw new UserAddCommand.Unopenable(1, "hearth: cannot open the settings store: " + (e.getCause() != null ? e.getCause() : e).getMessage());
        }
        return new UserAddCommand.Target(config, store, () -> {
            try {
                store.close().toCompletionStage().toCompletableFuture().join();
            } finally {
                // After the store has written its last: only then may a hub start on the directory.
                lock.ifPresent(DataDirLock::release);
                vertx.close();
            }
        });
    }

    /** Which way the event loops wait for sockets: the operator sees whether the native transport loaded. */
    private static String transport(Vertx vertx) {
        return vertx.isNativeTransportEnabled() ? "epoll" : "Java NIO";
    }

    /**
     * @param eventLoops {@code server.eventLoops}: the hub deploys a server verticle on each, so the pool has at least
     *                   that many (Vert.x's own default, two a core, would put two verticles on one loop beyond it)
     */
    static VertxOptions vertxOptions(int eventLoops) {
        // Linux's epoll where it is there (the jar carries it for x86-64), Java NIO elsewhere.
        // The file cache on (Vert.x's default): the console's and the chat's files are copied out of the class path
        // once. Off, every look-up copied the file's whole directory again, deleting each file and writing it anew
        // while other requests were sending it, so a page now and then got a 404 or a cut-off script.
        return new VertxOptions().setPreferNativeTransport(true)
                .setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, eventLoops))
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(true));
    }
}
