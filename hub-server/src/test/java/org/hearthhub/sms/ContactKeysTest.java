package org.hearthhub.sms;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class ContactKeysTest {
    @TempDir
    Path dir;

    @Test
    void generatedKeyIsOwnerOnlyAndStableAcrossRestarts(Vertx vertx) throws Exception {
        ContactKeys first = TestHub.await(ContactKeys.load(vertx, null, dir));
        Path file = dir.resolve(ContactKeys.DEFAULT_FILE);
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
        ContactKeys again = TestHub.await(ContactKeys.load(vertx, null, dir));
        assertEquals(first.of("+15550102030"), again.of("+15550102030"));
        assertEquals(first.of("+15550102030"), first.of("+1 (555) 010-2030"), "formatting does not make another texter");
        assertNotEquals(first.of("+15550102030"), first.of("+15550102031"));
        assertFalse(first.of("+15550102030").contains("5550102030"));
    }

    @Test
    void differentKeysGiveUnrelatedHashes(Vertx vertx) throws Exception {
        Path other = Files.createDirectory(dir.resolve("other"));
        ContactKeys a = TestHub.await(ContactKeys.load(vertx, null, dir));
        ContactKeys b = TestHub.await(ContactKeys.load(vertx, null, other));
        assertNotEquals(a.of("+15550102030"), b.of("+15550102030"));
    }

    @Test
    void configuredKeyFileIsUsedAndMustBeLongEnough(Vertx vertx) throws Exception {
        Path shared = dir.resolve("shared.key");
        Files.writeString(shared, "a-shared-key-for-every-node-0123456789\n");
        ContactKeys a = TestHub.await(ContactKeys.load(vertx, shared, dir.resolve("node-a")));
        ContactKeys b = TestHub.await(ContactKeys.load(vertx, shared, dir.resolve("node-b")));
        assertEquals(a.of("+15550102030"), b.of("+15550102030"), "nodes sharing a key find the same conversations");

        Path weak = dir.resolve("weak.key");
        Files.writeString(weak, "short");
        ExecutionException e = assertThrows(ExecutionException.class, () -> TestHub.await(ContactKeys.load(vertx, weak, dir)));
        assertTrue(e.getCause().getMessage().contains("too short"));
        ExecutionException missing = assertThrows(ExecutionException.class,
                () -> TestHub.await(ContactKeys.load(vertx, dir.resolve("nope.key"), dir)));
        assertTrue(missing.getCause().getMessage().contains("does not exist"));
    }
}
