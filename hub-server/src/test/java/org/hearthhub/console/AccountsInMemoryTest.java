package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.model.Role;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.testing.WsClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A hub on a data directory keeps the staff accounts in memory: console calls, the open consoles' session
 * checks and sign-ins do not read {@code accounts.json} (only this hub writes it while it runs); a save
 * through the hub writes the file and reads every account back.
 */
class AccountsInMemoryTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded(); // the session checks' timer is off: the test runs them
    TestHub hub;
    ConsoleClient client;

    @BeforeEach
    void client() {
        client = new ConsoleClient(hub);
    }

    private Path accountsFile() {
        return hub.hub.config().dataDir().resolve("programs").resolve(hub.hub.config().programId()).resolve("accounts.json");
    }

    private String displayNameOf(String username) throws Exception {
        return TestHub.await(hub.hub.accounts().account(username)).orElseThrow().displayName();
    }

    @Test
    void consoleCallsSessionChecksAndSignInsDoNotReadTheAccountsFile() throws Exception {
        WsClient console = hub.advocate("maria", List.of("en"), 2);
        ConsoleClient.Staff maria = client.login("maria", TestHub.PASSWORD, null);

        // Every account gone from the file: were it read, her call would be refused, her open console closed
        // at its next session check and her next sign-in refused.
        Files.writeString(accountsFile(), "[]");

        HttpResponse<Buffer> me = client.get("/api/v1/console/me", maria);
        assertEquals(200, me.statusCode(), me.bodyAsString());
        assertEquals("Advocate maria", me.bodyAsJsonObject().getString("displayName"));
        // The checks the hub's timer runs, ten of them one after another, each done before the next.
        for (int check = 0; check < 10; check++) TestHub.await(hub.hub.sockets().checkAdvocateSessions());
        // A console a check closed would have had its error, and its close, before the answer to this frame.
        console.send("shift.start", "capacity", 2);
        console.awaitMatching("shift", f -> f.getBoolean("onShift"));
        assertEquals(List.of(), console.drain("error"), "ten session checks later the console was told nothing");
        assertFalse(console.isClosed(), "ten session checks later the console is still open");
        client.login("maria", TestHub.PASSWORD, null);
        console.close();
    }

    @Test
    void aSaveThroughTheHubReadsEveryAccountBack() throws Exception {
        hub.addAccount("bea", Role.ADVOCATE, List.of("en"), 2);
        ConsoleClient.Staff maria = client.account("maria", Role.ADVOCATE);
        Files.writeString(accountsFile(), Files.readString(accountsFile()).replace("\"Advocate bea\"", "\"Bea by hand\""));
        assertEquals("Advocate bea", displayNameOf("bea"), "the file is not read on every call");

        HttpResponse<Buffer> saved = client.put("/api/v1/console/me", maria, new JsonObject().put("capacity", 3));

        assertEquals(200, saved.statusCode(), saved.bodyAsString());
        assertEquals(3, TestHub.await(hub.hub.accounts().account("maria")).orElseThrow().capacity());
        assertEquals("Bea by hand", displayNameOf("bea"), "maria's save read the accounts back");
    }
}
