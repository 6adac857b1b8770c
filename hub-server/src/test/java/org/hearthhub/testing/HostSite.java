package org.hearthhub.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * A program's own website, on another port than the hub (so another origin, as in real life), with
 * the widget embedded by the documented one-line snippet. Also serves the neutral page quick exit
 * goes to, so no test request ever leaves this machine.
 */
public final class HostSite implements AutoCloseable {
    private final HttpServer server;
    private volatile String hubUrl;

    private HostSite(HttpServer server) {
        this.server = server;
    }

    public static HostSite start(Vertx vertx) throws Exception {
        Router router = Router.router(vertx);
        HostSite[] self = new HostSite[1];
        router.get("/").handler(ctx -> {
            // no ?lang: no data-lang either, so the widget follows the browser's language
            String lang = ctx.request().getParam("lang");
            String dataLang = lang == null ? "" : " data-lang=\"" + (lang.matches("[a-z]{2,3}") ? lang : "en") + "\"";
            html(ctx.response(), "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>Riverside Family Safety Center</title></head><body><main>"
                    + "<h1>Riverside Family Safety Center</h1><p>Counselling, shelter and legal advocacy.</p>"
                    + "<p><a href=\"/about\">About us</a></p></main>"
                    + "<script src=\"/site.js\" async></script>"
                    + "<script src=\"" + self[0].hubUrl + "/widget.js\"" + dataLang + dataProgram(ctx.request().getParam("program"))
                    + " async></script>"
                    + "</body></html>");
        });
        router.get("/site.js").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(SITE_SCRIPT));
        router.get("/before").handler(ctx -> html(ctx.response(), page("Search results", "A page visited before the program's site.")));
        router.get("/about").handler(ctx -> html(ctx.response(), page("About us", "About the program.")));
        router.get("/weather").handler(ctx -> html(ctx.response(), page("Weather", "Sunny, 18 °C.")));
        HttpServer server = TestHub.await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(router).listen());
        self[0] = new HostSite(server);
        return self[0];
    }

    /**
     * The program's own script, over Chromium's 1 KB line for compiled-code cache entries: the control in
     * BrowserProfileResidueTest that shows such entries are written (and found) in a test's profile.
     */
    public static final String SITE_SCRIPT = siteScript();

    private static String siteScript() {
        StringBuilder s = new StringBuilder("(function () {\n  var opening = [\n");
        for (String day : java.util.List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")) {
            s.append("    { day: '").append(day).append("', office: '9:00-17:00', legal: '10:00-14:00', groups: 'evenings by appointment', shelter: 'intake at any hour', phone: '555-0100' },\n");
        }
        return s.append("  ];\n  document.documentElement.setAttribute('data-open-days', String(opening.length));\n})();\n").toString();
    }

    /** {@code data-program} as the page's author wrote it (HTML-escaped), or nothing without {@code ?program=}. */
    private static String dataProgram(String program) {
        if (program == null) return "";
        return " data-program=\"" + program.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;") + "\"";
    }

    private static String page(String title, String text) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><main><h1>" + title + "</h1><p>" + text + "</p></main></body></html>";
    }

    private static void html(io.vertx.core.http.HttpServerResponse r, String body) {
        r.putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store").end(body);
    }

    /** The hub the embedded snippet points at (tests start a fresh hub each). */
    public void embed(String hubUrl) {
        this.hubUrl = hubUrl;
    }

    public String url(String path) {
        return "http://localhost:" + server.actualPort() + path;
    }

    /** The page quick exit should land on. */
    public String exitUrl() {
        return url("/weather");
    }

    @Override
    public void close() throws Exception {
        TestHub.await(server.close());
    }
}
