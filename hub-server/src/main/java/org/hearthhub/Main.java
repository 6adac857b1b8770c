package org.hearthhub;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.cli.UserAddCommand;
import org.hearthhub.config.ConfigException;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.logging.LogSetup;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.RedisSettingsStore;
import org.hearthhub.settings.SettingsStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.logging.Logger;

/**
 * {@code java -jar hearth-hub.jar [--config FILE]} runs the hub;
 * {@code java -jar hearth-hub.jar user add …} adds an account where the hub keeps them (the settings
 * Redis when one is configured, else the data directory).
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogSetup.install();
        long started = System.nanoTime();
        boolean userAdd = args.length >= 2 && args[0].equals("user") && args[1].equals("add");
        String[] rest = userAdd ? Arrays.copyOfRange(args, 2, args.length) : args;
        Path configFile = null;
        for (int i = 0; i < rest.length; i++) {
            if (rest[i].equals("--config") && i + 1 < rest.length) configFile = Path.of(rest[i + 1]);
        }
        if (!userAdd && rest.length > 0 && configFile == null) {
            System.err.println("usage: java -jar hearth-hub.jar [--config FILE]\n"
                    + "       java -jar hearth-hub.jar user add --username NAME --role advocate|lead [--display-name NAME] --password-stdin");
            System.exit(2);
        }
        HubConfig config;
        try {
            config = ConfigLoader.load(configFile, System.getenv());
        } catch (ConfigException e) {
            System.err.println("hearth: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)));
        if (userAdd) {
            runUserAdd(vertx, config, withoutConfigFlag(rest));
            return;
        }
        Path passwordFile = config.dataDir().resolve(FirstLeadBootstrap.PASSWORD_FILE).toAbsolutePath();
        Hub.start(vertx, config, Clock.systemUTC(), Hub.DEFAULTS).compose(hub -> vertx.fileSystem().exists(passwordFile.toString()).otherwise(false)
                .map(hasPasswordFile -> {
                    long ms = (System.nanoTime() - started) / 1_000_000;
                    // Only a node that holds the first lead's password file points to it (another node may have made it).
                    String firstLead = hasPasswordFile
                            ? "; first lead account '" + FirstLeadBootstrap.USERNAME + "', password in " + passwordFile : "";
                    LOG.info("Hearth hub ready in " + ms + " ms on " + config.publicUrl() + " (demo page: " + config.publicUrl()
                            + "/demo, staff console: " + config.publicUrl() + "/console" + firstLead + ")");
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> hub.stop().toCompletionStage().toCompletableFuture().join()));
                    return hub;
                })).onFailure(e -> {
            System.err.println("hearth: could not start: " + e.getMessage());
            System.exit(1);
        });
    }

    private static void runUserAdd(Vertx vertx, HubConfig config, String[] args) {
        SettingsStore store;
        try {
            // Accounts live where the hub reads them: the shared settings Redis when one is configured.
            store = config.settings().redisUrl() == null
                    ? new FileSettingsStore(vertx, config.dataDir(), config.programId())
                    : RedisSettingsStore.connect(vertx, config.settings().redisUrl(), config.programId(), Clock.systemUTC())
                            .toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            System.err.println("hearth: cannot open the settings store: " + (e.getCause() != null ? e.getCause() : e).getMessage());
            System.exit(1);
            return;
        }
        int code = UserAddCommand.run(args, System.in, System.out, System.err, config, store);
        store.close().toCompletionStage().toCompletableFuture().join();
        vertx.close();
        System.exit(code);
    }

    private static String[] withoutConfigFlag(String[] args) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) i++;
            else out.add(args[i]);
        }
        return out.toArray(String[]::new);
    }
}
