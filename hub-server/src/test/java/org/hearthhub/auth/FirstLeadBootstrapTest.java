package org.hearthhub.auth;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class FirstLeadBootstrapTest {

    @Test
    void aFreshHubGetsALeadWhosePasswordIsOnlyInAnOwnerOnlyFile(Vertx vertx, @TempDir Path dataDir) throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        PasswordHasher hasher = TestConfigs.cheapHasher(vertx);

        FirstLeadBootstrap.ensureLead(store, hasher, dataDir).await();

        Path file = dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE);
        String password = Files.readString(file).strip();
        assertEquals(20, password.length());
        assertTrue(PasswordPolicy.problemWith(password).isEmpty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Account lead = store.account("lead").await().orElseThrow();
        assertEquals(Role.LEAD, lead.role());
        assertFalse(lead.disabled());
        assertFalse(lead.passwordHash().contains(password));
        assertTrue(hasher.verify(password, lead.passwordHash()).await());
        store.close().await();
    }

    @Test
    void doesNothingWhenAccountsExist(Vertx vertx, @TempDir Path dataDir) {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        PasswordHasher hasher = TestConfigs.cheapHasher(vertx);
        store.saveAccount(new Account("maria", "Maria", Role.ADVOCATE, hasher.hashNow("some password here"), null,
                false, 2, List.of("en"), "en", Instant.now())).await();

        FirstLeadBootstrap.ensureLead(store, hasher, dataDir).await();

        assertFalse(Files.exists(dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)));
        assertEquals(1, store.accounts().await().size());
        store.close().await();
    }

    @Test
    void generatedPasswordsDiffer() {
        assertFalse(FirstLeadBootstrap.randomPassword().equals(FirstLeadBootstrap.randomPassword()));
    }
}
