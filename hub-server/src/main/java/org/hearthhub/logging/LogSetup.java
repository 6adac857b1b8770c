package org.hearthhub.logging;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Sends every log record (the hub's, Vert.x's, Netty's) to standard output as one JSON object per
 * line. The hub never logs message text, phone numbers, tokens or client addresses; this formatter
 * also drops exception messages, which can echo request input, keeping only their class names.
 */
public final class LogSetup {
    private LogSetup() {
    }

    public static void install() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        // A StreamHandler over stdout, not a re-pointed ConsoleHandler: re-pointing closes System.err.
        Handler handler = new StreamHandler(new PrintStream(System.out, true, StandardCharsets.UTF_8), new JsonLogFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }

            @Override
            public synchronized void close() {
                flush();
            }
        };
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }
}
