package org.hearthhub;

import io.vertx.core.Vertx;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.config.ConfigLoader;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.testing.HubProcess;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first lead's account and password file belong to a start that serves. Before, a first start that failed (its
 * port taken) had made both, and the next start's ready line named a file written by a start that never served.
 */
class FirstLeadOfAFailedStartTest {
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.startedByTest();
    Vertx vertx;

    private Path passwordFile() {
        return hubs.dataDir().resolve(FirstLeadBootstrap.PASSWORD_FILE).toAbsolutePath();
    }

    private List<Account> storedAccounts() throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, hubs.dataDir(), "main");
        try {
            return TestHub.await(store.accounts());
        } finally {
            TestHub.await(store.close());
        }
    }

    @Test
    void aStartOnATakenPortLeavesNoLeadAndTheNextStartMakesOneAndNamesItsFile() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            HubProcess.Exited failed = HubProcess.runUntilExit(hubs.dataDir(), taken.getLocalPort(), Map.of());
            assertEquals(1, failed.code(), failed.output());
            assertTrue(failed.output().contains("could not start: cannot listen on port " + taken.getLocalPort()), failed.output());
            assertFalse(failed.output().contains(FirstLeadBootstrap.PASSWORD_FILE), "no password file named: " + failed.output());
        }
        assertFalse(Files.exists(passwordFile()), "no password file from a start that never served");
        assertEquals(List.of(), storedAccounts(), "no account either");

        try (HubProcess hub = HubProcess.start(List.of(), hubs.dataDir(), Map.of())) {
            String ready = hub.output().lines().filter(l -> l.contains("Hearth hub ready")).findFirst().orElseThrow();
            assertTrue(ready.contains("first lead account 'lead', password in " + passwordFile()), ready);
            String password = Files.readString(passwordFile()).strip();
            HttpResponse<String> signIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub.publicUrl() + "/api/v1/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"lead\",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, signIn.statusCode(), "the file named opens the lead's account: " + signIn.body());
        }
    }

    @Test
    void aStartThatFailsAfterListeningTakesBackTheLeadItMade() throws Exception {
        // The port file's directory is gone by the time the hub, listening and with its lead, writes the file.
        Path gone = Files.createDirectory(hubs.dataDir().resolveSibling(hubs.dataDir().getFileName() + "-gone"));
        HubConfig config = ConfigLoader.load(null, Map.of("HEARTH_PORT", "0", "HEARTH_HOST", "127.0.0.1",
                "HEARTH_DATA_DIR", hubs.dataDir().toString(), "HEARTH_PORT_FILE", gone.resolve("hub.port").toString()));
        Files.delete(gone);

        ExecutionException e = assertThrows(ExecutionException.class, () -> TestHub.await(Hub.start(vertx, config, Clock.systemUTC(),
                new Hub.Tuning(5, 3_600_000, new PasswordHasher(vertx, 1024, 1, 1)))));
        assertTrue(e.getCause().getMessage().contains("server.portFile"), e.getCause().getMessage());
        assertFalse(Files.exists(passwordFile()), "the password file of a start that failed is gone");
        assertEquals(List.of(), storedAccounts(), "and so is its account");
    }
}
