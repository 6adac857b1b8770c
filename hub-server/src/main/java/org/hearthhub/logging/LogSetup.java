package org.hearthhub.logging;

import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

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
        Handler handler = new ConsoleHandler() {
            {
                setOutputStream(stdout());
            }
        };
        handler.setFormatter(new JsonLogFormatter());
        handler.setLevel(Level.INFO);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    private static PrintStream stdout() {
        try {
            return new PrintStream(System.out, true, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            return System.out;
        }
    }
}
