package org.hearthhub.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.settings.Role;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
class ConsolePagesSmokeTest {
    @TempDir
    Path dataDir;
    TestHub hub;
    ConsoleClient client;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        hub = TestHub.start(vertx, dataDir);
        client = new ConsoleClient(hub);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }

    @Test
    void pagesRender() throws Exception {
        ConsoleClient.Staff lead = client.account("lena", Role.LEAD);
        for (String p : new String[]{"/console/login", "/console", "/console/totp", "/console/lead/hours", "/console/lead/referrals",
                "/console/lead/canned", "/console/lead/staff", "/console/lead/widget", "/console/lead/retention",
                "/console/lead/stats", "/console/lead/audit", "/console/assets/console.js"}) {
            HttpResponse<Buffer> r = client.get(p, lead);
            System.out.println(p + " -> " + r.statusCode() + " " + r.bodyAsString().length());
            if (r.statusCode() != 200) System.out.println(r.bodyAsString());
            assertEquals(200, r.statusCode(), p);
        }
    }
}
