package org.hearthhub.console;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's Pebble templates, compiled once at start-up (on a worker thread) so that rendering is
 * only evaluation and can run on the event loop. Autoescaping is on: every {@code {{ value }}} is
 * HTML-escaped, which is what keeps survivor and settings text inert in the pages.
 */
final class Templates {
    static final List<String> NAMES = List.of("login", "console", "totp", "forbidden",
            "lead-hours", "lead-referrals", "lead-canned", "lead-partners", "lead-sharing", "lead-staff", "lead-widget", "lead-retention",
            "lead-stats", "lead-audit", "coalition-stats", "coalition-programs", "coalition-partners");

    private final Map<String, PebbleTemplate> compiled = new HashMap<>();

    private Templates(PebbleEngine engine) {
        for (String name : NAMES) compiled.put(name, engine.getTemplate(name));
    }

    /** Blocking (reads and compiles every template): call from a worker thread. */
    static Templates compileAll() {
        ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
        loader.setPrefix("templates/console");
        loader.setSuffix(".peb");
        PebbleEngine engine = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .cacheActive(true)
                .newLineTrimming(true)
                .build();
        return new Templates(engine);
    }

    String render(String name, Map<String, Object> model) {
        PebbleTemplate template = compiled.get(name);
        if (template == null) throw new IllegalArgumentException("no console template named " + name);
        StringWriter out = new StringWriter(8192);
        try {
            template.evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not throw; kept for the signature
        }
        return out.toString();
    }
}
