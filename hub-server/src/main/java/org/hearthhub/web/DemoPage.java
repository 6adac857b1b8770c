package org.hearthhub.web;

import io.vertx.ext.web.Router;
import org.hearthhub.i18n.Language;
import org.hearthhub.i18n.Languages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code /demo}: a stand-in for a program's website with the widget embedded, for trying Hearth out. */
public final class DemoPage {
    private DemoPage() {
    }

    public static void mount(Router router, String publicUrl) {
        String page = resource("pages/demo.html").replace("{{publicUrl}}", publicUrl);
        String css = resource("pages/demo.css");
        router.get("/").handler(ctx -> ctx.redirect("/demo"));
        router.get("/demo").handler(ctx -> {
            String lang = Languages.normalize(ctx.request().getParam("lang"));
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(page.replace("{{lang}}", lang).replace("{{languageLinks}}", languageLinks(lang)));
        });
        router.get("/demo.css").handler(ctx -> ctx.response().putHeader("Content-Type", "text/css; charset=utf-8").end(css));
    }

    /** The widget in each other language, each named in itself. */
    private static String languageLinks(String current) {
        StringBuilder links = new StringBuilder();
        for (Language l : Languages.all()) {
            if (l.code().equals(current)) continue;
            links.append("<a href=\"/demo?lang=").append(l.code()).append("\" lang=\"").append(l.code()).append("\" dir=\"")
                    .append(l.direction()).append("\">").append(l.name().replace("&", "&amp;").replace("<", "&lt;")).append("</a> ");
        }
        return links.toString().strip();
    }

    static String resource(String path) {
        try (InputStream in = DemoPage.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
