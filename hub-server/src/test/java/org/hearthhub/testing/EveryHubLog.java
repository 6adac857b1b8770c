package org.hearthhub.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every record of the hub's own loggers, at every level, captured as production formats them, for the privacy
 * searches. Lettuce's and Netty's debug and trace records (commands and raw replies) stay at production's level:
 * LogSetup writes nothing below INFO, from any logger. {@link #close()} restores the levels it changed.
 */
public final class EveryHubLog implements AutoCloseable {
    public final LogCapture capture = new LogCapture();
    private final List<Logger> changed = new ArrayList<>();
    private final List<Level> before = new ArrayList<>();

    private EveryHubLog() {
    }

    public static EveryHubLog start() {
        EveryHubLog logs = new EveryHubLog();
        logs.capture.setLevel(Level.ALL);
        logs.level("", Level.ALL);
        logs.level("io.lettuce", Level.INFO);
        logs.level("io.netty", Level.WARNING);
        Logger.getLogger("").addHandler(logs.capture);
        return logs;
    }

    private void level(String logger, Level level) {
        Logger l = Logger.getLogger(logger);
        changed.add(l);
        before.add(l.getLevel());
        l.setLevel(level);
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(capture);
        for (int i = 0; i < changed.size(); i++) changed.get(i).setLevel(before.get(i));
    }
}
