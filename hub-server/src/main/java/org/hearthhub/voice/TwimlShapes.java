package org.hearthhub.voice;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * TwiML built by the SDK once per shape (which script, in which language, saying what), with the values
 * that change from call to call (URLs, queue names, a place in line) left as slots and filled in per call.
 * The SDK writes TwiML through a DOM and an XSLT transformer, a few milliseconds each time: for a burst of
 * calls that was most of the event loop's work (docs/benchmarks.md, "Hotline webhooks"). Each
 * {@link CallScripts} has its own: a shape's words depend on its phone languages, which its key does not name.
 */
final class TwimlShapes {
    /** Shapes depend on the lead's settings (referrals) too; past this many, the cache starts over. */
    private static final int MAX_SHAPES = 2_000;
    private final Map<String, String> shapes = new ConcurrentHashMap<>();

    /**
     * The shape named {@code key}, built by {@code build} from slot markers the first time, with the
     * markers replaced by {@code values} (escaped for XML).
     */
    String filled(String key, Function<String[], String> build, String... values) {
        if (shapes.size() > MAX_SHAPES) shapes.clear();
        String xml = shapes.computeIfAbsent(key, k -> build.apply(slots(values.length)));
        for (int i = 0; i < values.length; i++) xml = xml.replace(slot(i), escape(values[i]));
        return xml;
    }

    private static String[] slots(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = slot(i);
        return out;
    }

    /** Letters and digits only, so neither URL encoding nor XML escaping changes it inside the built TwiML. */
    private static String slot(int i) {
        return "hearthSlot" + i + "x";
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
