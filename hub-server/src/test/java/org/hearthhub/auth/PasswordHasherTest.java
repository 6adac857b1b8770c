package org.hearthhub.auth;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class PasswordHasherTest {

    @Test
    void hashesVerifyOnlyTheirOwnPassword(Vertx vertx) {
        PasswordHasher hasher = TestConfigs.cheapHasher(vertx);
        String hash = hasher.hash("correct horse battery").await();

        assertTrue(hash.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"), hash);
        assertTrue(hasher.verify("correct horse battery", hash).await());
        assertFalse(hasher.verify("correct horse batterY", hash).await());
        assertFalse(hasher.verify("", hash).await());
    }

    @Test
    void samePasswordGetsADifferentSaltEachTime(Vertx vertx) {
        PasswordHasher hasher = TestConfigs.cheapHasher(vertx);
        assertNotEquals(hasher.hash("same password!").await(), hasher.hash("same password!").await());
    }

    @Test
    void productionParametersAreTheOwaspMinimumAndReadableByAnyHasher(Vertx vertx) {
        String hash = PasswordHasher.withoutVertx().hashNow("correct horse battery");

        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(TestConfigs.cheapHasher(vertx).verify("correct horse battery", hash).await(),
                "parameters come from the stored hash");
    }

    @Test
    void malformedOrForeignHashesNeverVerify(Vertx vertx) {
        PasswordHasher hasher = TestConfigs.cheapHasher(vertx);
        for (String bad : new String[]{"", "plain", "$2a$10$abcdefghijklmnopqrstuv", "$argon2id$v=19$m=oops", "$argon2id$"}) {
            assertFalse(hasher.verify("anything at all", bad).await(), bad);
        }
        assertFalse(hasher.verify("anything at all", null).await());
    }

    @Test
    void hasherWithoutVertxRefusesAsyncUse() {
        PasswordHasher cli = PasswordHasher.withoutVertx();
        assertThrows(IllegalStateException.class, () -> cli.hash("whatever password"));
        assertEquals(true, cli.verifyNow("whatever password", cli.hashNow("whatever password")));
    }

    @Test
    void absurdParametersAreRejected(Vertx vertx) {
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(vertx, 4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PasswordHasher(vertx, 1024, 0, 1));
    }
}
