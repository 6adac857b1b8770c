package org.hearthhub.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.model.Role;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class FirstLeadBootstrapTest {
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), java.time.ZoneOffset.UTC);


    @Test
    void aFreshHubGetsALeadWhosePasswordIsOnlyInAnOwnerOnlyFile(Vertx vertx, @TempDir Path dataDir) throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        PasswordHasher hasher = TestConfigs.cheapHasher(vertx);

        assertTrue(FirstLeadBootstrap.ensureLead(store, hasher, dataDir, CLOCK).map(FirstLead::created).await());

        Path file = dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE);
        String password = Files.readString(file).strip();
        assertEquals(20, password.length());
        assertTrue(PasswordPolicy.problemWith(password).isEmpty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        Account lead = store.account("lead").await().orElseThrow();
        assertEquals(Role.LEAD, lead.role());
        assertEquals(CLOCK.instant(), lead.createdAt(), "stamped by the hub's clock");
        assertFalse(lead.disabled());
        assertTrue(lead.mustChangePassword(), "a password from a file is replaced at the first sign-in");
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

        assertFalse(FirstLeadBootstrap.ensureLead(store, hasher, dataDir, CLOCK).map(FirstLead::created).await());

        assertFalse(Files.exists(dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)));
        assertEquals(1, store.accounts().await().size());
        store.close().await();
    }

    @Test
    void twoStartsAtOnceOnOneDataDirectoryCreateOneLead(Vertx vertx, @TempDir Path dataDir) throws Exception {
        FileSettingsStore store = new FileSettingsStore(vertx, dataDir, "main");
        PasswordHasher hasher = TestConfigs.cheapHasher(vertx);

        Future<Boolean> first = FirstLeadBootstrap.ensureLead(store, hasher, dataDir, CLOCK).map(FirstLead::created);
        Future<Boolean> second = FirstLeadBootstrap.ensureLead(store, hasher, dataDir, CLOCK).map(FirstLead::created);
        Future.all(first, second).await();

        assertTrue(first.result() ^ second.result());
        Account lead = store.accounts().await().get(0);
        assertEquals(1, store.accounts().await().size());
        String password = Files.readString(dataDir.resolve(FirstLeadBootstrap.PASSWORD_FILE)).strip();
        assertTrue(hasher.verify(password, lead.passwordHash()).await(), "the file holds the password of the account that was kept");
        store.close().await();
    }

    @Test
    void anUnusableDataDirectoryStopsTheStartBeforeAnyAccountExists(Vertx vertx, @TempDir Path dir) throws Exception {
        // A file where the data directory should be: no password file could be written there.
        Path blocked = Files.writeString(dir.resolve("not-a-directory"), "x").resolve("data");
        FileSettingsStore store = new FileSettingsStore(vertx, dir.resolve("store"), "main");

        Future<Boolean> result = FirstLeadBootstrap.ensureLead(store, TestConfigs.cheapHasher(vertx), blocked, CLOCK).map(FirstLead::created);

        assertThrows(Exception.class, result::await);
        assertTrue(store.accounts().await().isEmpty(), "no account whose password nobody could read");
        store.close().await();
    }

    @Test
    void generatedPasswordsDiffer() {
        assertFalse(FirstLeadBootstrap.randomPassword().equals(FirstLeadBootstrap.randomPassword()));
    }
}
