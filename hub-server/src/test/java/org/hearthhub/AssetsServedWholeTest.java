package org.hearthhub;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's and the chat's files, asked for all at once as a browser loading a page asks for them, each
 * arrive whole, on the hub's own Vert.x options. With Vert.x's file cache off, every look-up of a class path
 * file copied its whole directory again (delete, then write) while other requests were sending those
 * files: now and then a page got {@code 404} or an empty or cut-off script (login.js not run: sign-in stayed
 * off). On those options this failed in 4 of 5 runs of 40 rounds, mostly within the first few.
 */
class AssetsServedWholeTest {
    private static final List<String> ASSETS = List.of("/console/assets/common.js", "/console/assets/console.css",
            "/console/assets/console.js", "/console/assets/lead.js", "/console/assets/login.js",
            "/console/assets/security.js", "/w/app.css", "/w/i18n/en.json", "/w/i18n/es.json");
    private static final int ROUNDS = 100;

    @Test
    void concurrentRequestsForClassPathFilesEachGetTheWholeFile(@TempDir Path dataDir) throws Exception {
        Map<String, byte[]> expected = new LinkedHashMap<>();
        for (String asset : ASSETS) expected.put(asset, classPathFile(asset));
        Vertx vertx = Vertx.vertx(Main.vertxOptions(2));
        try (TestHub hub = TestHub.start(vertx, dataDir, Map.of("HEARTH_EVENT_LOOPS", "2",
                "HEARTH_LIMITS_CONNECTIONS_PER_SOURCE", "1000"))) {
            // A connection each, so the requests spread over both loops as a browser's parallel connections do.
            WebClient client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(false));
            List<String> broken = new ArrayList<>();
            for (int round = 0; round < ROUNDS && broken.isEmpty(); round++) {
                List<Future<HttpResponse<Buffer>>> replies = new ArrayList<>();
                for (String asset : ASSETS) replies.add(client.get(hub.port(), "localhost", asset).send());
                TestHub.await(Future.join(replies).otherwiseEmpty());
                for (int i = 0; i < ASSETS.size(); i++) {
                    if (replies.get(i).failed()) {
                        broken.add("round " + round + " " + ASSETS.get(i) + ": " + replies.get(i).cause());
                        continue;
                    }
                    HttpResponse<Buffer> reply = replies.get(i).result();
                    byte[] want = expected.get(ASSETS.get(i));
                    byte[] got = reply.body() == null ? new byte[0] : reply.body().getBytes();
                    if (reply.statusCode() != 200 || !Arrays.equals(want, got)) {
                        broken.add("round " + round + " " + ASSETS.get(i) + ": " + reply.statusCode() + ", " + got.length + " of " + want.length + " bytes");
                    }
                }
            }
            assertTrue(broken.isEmpty(), String.join("\n", broken));
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    /** The file as the class path holds it: console-assets/… and widget/w/…. */
    private static byte[] classPathFile(String asset) throws IOException {
        String name = asset.startsWith("/console/assets/") ? "console-assets/" + asset.substring("/console/assets/".length())
                : "widget" + asset;
        try (InputStream in = AssetsServedWholeTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new AssertionError(name + " is not on the class path");
            return in.readAllBytes();
        }
    }
}
