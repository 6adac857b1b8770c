package org.hearthhub.web;

import io.vertx.core.buffer.Buffer;
import org.hearthhub.util.Ids;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat app's document ({@code /w/}) with its scripts inline, allowed by their SHA-256 in the CSP.
 * Chromium keeps a compiled-code cache entry, named by the script's URL, for every script it loads
 * from a URL, whatever {@code Cache-Control} says; inline scripts get none. So nothing on a
 * survivor's device names the chat app's scripts (docs/privacy.md, "What the browser keeps").
 */
public final class ChatPage {
    /** The widget module's page names its scripts as files (so it also works opened from disk); we inline them. */
    private static final Pattern SCRIPT = Pattern.compile("<script src=\"/w/([a-z]+\\.js)\"></script>");

    private final Buffer document;
    private final String scriptSources;

    private ChatPage(String html, List<String> hashes) {
        this.document = Buffer.buffer(html);
        this.scriptSources = String.join(" ", hashes);
    }

    public static ChatPage load() {
        String html = DemoPage.resource("widget/w/index.html");
        Matcher m = SCRIPT.matcher(html);
        StringBuilder out = new StringBuilder();
        List<String> hashes = new ArrayList<>();
        while (m.find()) {
            String code = DemoPage.resource("widget/w/" + m.group(1));
            if (code.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException(m.group(1) + " cannot be inlined: it contains </script");
            }
            hashes.add("'sha256-" + Base64.getEncoder().encodeToString(Ids.sha256(code)) + "'");
            m.appendReplacement(out, Matcher.quoteReplacement("<script>" + code + "</script>"));
        }
        m.appendTail(out);
        if (hashes.isEmpty()) throw new IllegalStateException("widget/w/index.html names no script to inline");
        return new ChatPage(out.toString(), hashes);
    }

    public Buffer document() {
        return document;
    }

    /** The CSP {@code script-src} sources that allow exactly the inline scripts, e.g. {@code 'sha256-…' 'sha256-…'}. */
    public String scriptSources() {
        return scriptSources;
    }
}
