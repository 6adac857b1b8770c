package org.hearthhub.logging;

import io.vertx.core.json.JsonObject;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One JSON object per line: time, level, logger, message and, for failures, the exception's class chain only. */
public final class JsonLogFormatter extends Formatter {
    @Override
    public String format(LogRecord r) {
        JsonObject line = new JsonObject()
                .put("ts", r.getInstant().toString())
                .put("level", r.getLevel().getName())
                .put("logger", r.getLoggerName())
                .put("msg", formatMessage(r));
        if (r.getThrown() != null) {
            StringBuilder chain = new StringBuilder();
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
                if (chain.length() > 0) chain.append(" <- ");
                chain.append(t.getClass().getName());
                StackTraceElement[] trace = t.getStackTrace();
                if (trace.length > 0) chain.append(" at ").append(trace[0]);
            }
            line.put("error", chain.toString());
        }
        return line.encode() + System.lineSeparator();
    }
}
