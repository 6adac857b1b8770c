package org.hearthhub.console;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A fresh hub per test with a signed-in lead ("lena") talking to the console APIs over HTTP. */
@ExtendWith(VertxExtension.class)
abstract class LeadApiTestBase {
    @TempDir
    Path dataDir;
    TestHub hub;
    ConsoleClient client;
    ConsoleClient.Staff lead;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        hub = TestHub.start(vertx, dataDir);
        client = new ConsoleClient(hub);
        lead = client.account("lena", Role.LEAD);
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
    }
}
