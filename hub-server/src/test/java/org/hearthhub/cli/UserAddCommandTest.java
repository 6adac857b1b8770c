package org.hearthhub.cli;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.TestConfigs;
import org.hearthhub.config.HubConfig;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.model.Role;
import org.hearthhub.testing.ShownNameSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class UserAddCommandTest {
    static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T15:00:00Z"), java.time.ZoneOffset.UTC);

    private static final String PASSWORD = "a long enough password";

    @TempDir
    Path dataDir;
    private FileSettingsStore store;
    private HubConfig config;
    private PasswordHasher hasher;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp(Vertx vertx) {
        store = new FileSettingsStore(vertx, dataDir, "main");
        config = TestConfigs.hub(dataDir, "http://localhost:8080", new HubConfig.Auth(30, 5, 15, false));
        hasher = TestConfigs.cheapHasher(vertx);
    }

    @AfterEach
    void tearDown() {
        store.close().await();
    }

    private int run(String stdin, String... args) {
        return runOn(store, stdin, args);
    }

    private int runOn(SettingsStore target, String stdin, String... args) {
        out.reset();
        err.reset();
        return UserAddCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                config, target, hasher, CLOCK);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void createsAnAccountWithAnArgon2idHash() {
        int code = run(PASSWORD + "\nignored second line\n",
                "user", "add", "--username", "maria", "--role", "advocate", "--display-name", "Maria G.", "--password-stdin");

        assertEquals(0, code, err());
        Account maria = store.account("maria").await().orElseThrow();
        assertEquals(Role.ADVOCATE, maria.role());
        assertEquals("Maria G.", maria.displayName());
        assertEquals(CLOCK.instant(), maria.createdAt(), "stamped by the given clock");
        assertEquals(2, maria.capacity(), "queue.defaultCapacity");
        assertFalse(maria.disabled());
        assertTrue(maria.passwordHash().startsWith("$argon2id$"));
        assertTrue(hasher.verifyNow(PASSWORD, maria.passwordHash()));
        assertFalse(out().contains(PASSWORD) || err().contains(PASSWORD), "the password is never echoed");
        assertEquals("Created advocate account 'maria' in the data directory " + dataDir.toAbsolutePath().normalize() + ".",
                out().strip());
    }

    @Test
    void aLeadIsAddedToAnotherProgramThatExists() {
        store.addProgram(new org.hearthhub.model.Program(org.hearthhub.model.ProgramId.of("riverside"), "Riverside", null)).await();
        assertEquals(0, run(PASSWORD + "\n", "--username", "rita", "--role", "lead", "--program", "riverside", "--password-stdin"), err());
        Account rita = store.account("rita").await().orElseThrow();
        assertEquals(java.util.Map.of("riverside", Role.LEAD), rita.memberships("main"));
        assertTrue(rita.roleIn("main", "main").isEmpty(), "not in the default program");
        assertTrue(out().contains("of program 'riverside'"), out());
    }

    @Test
    void aProgramTheHubDoesNotHostOrNoProgramIdIsRefused() {
        assertEquals(1, run(PASSWORD + "\n", "--username", "rita", "--role", "lead", "--program", "nowhere", "--password-stdin"));
        assertTrue(err().contains("hosts no program 'nowhere'"), err());
        assertEquals(2, run(PASSWORD + "\n", "--username", "rita", "--role", "lead", "--program", "../main", "--password-stdin"));
        assertTrue(store.account("rita").await().isEmpty());
    }

    @Test
    void aCoalitionAdminIsMarkedSo() {
        assertEquals(0, run(PASSWORD + "\n", "--username", "cora", "--role", "lead", "--coalition-admin", "--password-stdin"), err());
        Account cora = store.account("cora").await().orElseThrow();
        assertTrue(cora.coalitionAdmin());
        assertEquals(java.util.Map.of("main", Role.LEAD), cora.memberships("main"));
    }

    @Test
    void optionsMayComeWithoutTheSubcommandAndWithEqualsSigns() {
        assertEquals(0, run(PASSWORD + "\r\n", "--username=lena", "--role=lead", "--password-stdin"), err());
        Account lena = store.account("lena").await().orElseThrow();
        assertEquals(Role.LEAD, lena.role());
        assertEquals("lena", lena.displayName(), "display name defaults to the username");
        assertTrue(hasher.verifyNow(PASSWORD, lena.passwordHash()), "CRLF line ending is not part of the password");
    }

    @Test
    void productionHasherIsUsedByDefault(Vertx vertx) {
        int code = UserAddCommand.run(new String[]{"--username", "sam", "--role", "advocate", "--password-stdin"},
                new ByteArrayInputStream((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                config, store);
        assertEquals(0, code, err());
        assertTrue(store.account("sam").await().orElseThrow().passwordHash().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    @Test
    void rejectsAShortPassword() {
        assertEquals(1, run("too short\n", "--username", "maria", "--role", "advocate", "--password-stdin"));
        assertTrue(err().contains("at least 12 characters"), err());
        assertTrue(store.account("maria").await().isEmpty());
    }

    @Test
    void rejectsAnEmptyStdin() {
        assertEquals(1, run("", "--username", "maria", "--role", "advocate", "--password-stdin"));
        assertTrue(err().contains("must not be blank"), err());
    }

    @Test
    void rejectsADuplicateUsername() {
        assertEquals(0, run(PASSWORD + "\n", "--username", "maria", "--role", "advocate", "--password-stdin"));
        String firstHash = store.account("maria").await().orElseThrow().passwordHash();

        assertEquals(1, run("another long password\n", "--username", "maria", "--role", "lead", "--password-stdin"));
        assertTrue(err().contains("already exists"), err());
        Account unchanged = store.account("maria").await().orElseThrow();
        assertEquals(Role.ADVOCATE, unchanged.role());
        assertEquals(firstHash, unchanged.passwordHash());
    }

    /**
     * A lead creates the name on a running hub between the command's first look and its save: the account is created
     * only if still absent, so the lead's stands and the command says the name exists.
     */
    @Test
    void aNameTakenBetweenTheLookAndTheSaveIsNotOverwritten() {
        assertEquals(0, run(PASSWORD + "\n", "--username", "maria", "--role", "advocate", "--password-stdin"));
        Account leads = store.account("maria").await().orElseThrow();
        // The store as the command found it a moment earlier: no maria yet.
        SettingsStore lookedEarly = (SettingsStore) java.lang.reflect.Proxy.newProxyInstance(SettingsStore.class.getClassLoader(),
                new Class<?>[]{SettingsStore.class}, (proxy, method, args) -> method.getName().equals("account")
                        ? io.vertx.core.Future.succeededFuture(java.util.Optional.empty())
                        : method.invoke(store, args));
        int code = runOn(lookedEarly, "another long password\n", "--username", "maria", "--role", "lead", "--password-stdin");

        assertEquals(1, code, out());
        assertTrue(err().contains("already exists"), err());
        assertEquals(leads, store.account("maria").await().orElseThrow(), "the account as it was");
    }

    @Test
    void refusesANameTheHubUsesForOthers() {
        for (String name : new String[]{"system", "survivor", "sms"}) {
            assertEquals(2, run(PASSWORD + "\n", "--username", name, "--role", "lead", "--password-stdin"), name);
            assertTrue(err().contains("the username '" + name + "' is reserved"), err());
            assertTrue(store.account(name).await().isEmpty());
        }
    }

    @Test
    void rejectsABadRoleWithUsage() {
        assertEquals(2, run(PASSWORD + "\n", "--username", "maria", "--role", "admin", "--password-stdin"));
        assertTrue(err().contains("unknown role 'admin'"), err());
        assertTrue(err().contains("usage: hearth-hub user add"), err());
        assertTrue(store.account("maria").await().isEmpty());
    }

    @Test
    void aDisplayNameWithAControlOrTextDirectionCharacterIsRefusedWithOneLineNamingIt() {
        for (String spoof : ShownNameSamples.SPOOFING) {
            assertEquals(2, run(PASSWORD + "\n", "--username", "maria", "--role", "advocate", "--display-name", spoof, "--password-stdin"),
                    spoof);
            String first = err().lines().findFirst().orElse("");
            assertTrue(first.startsWith("error: the display name must not hold control or text-direction characters (U+"), err());
            assertTrue(store.account("maria").await().isEmpty(), "nothing created: " + spoof);
        }
        run(PASSWORD + "\n", "--username", "maria", "--role", "advocate", "--display-name", "\u202Eairam", "--password-stdin");
        assertTrue(err().startsWith("error: the display name must not hold control or text-direction characters (U+202E)"), err());
    }

    @Test
    void aDisplayNameInAnyScriptIsKept() {
        int n = 0;
        for (String name : ShownNameSamples.IN_ANY_SCRIPT) {
            String username = "staff" + n++;
            assertEquals(0, run(PASSWORD + "\n", "--username", username, "--role", "advocate", "--display-name", name, "--password-stdin"),
                    err());
            assertEquals(name, store.account(username).await().orElseThrow().displayName());
        }
    }

    @Test
    void badArgumentsPrintUsageAndExit2() {
        String[][] cases = {
                {},
                {"--role", "advocate", "--password-stdin"},
                {"--username", "maria", "--password-stdin"},
                {"--username", "maria", "--role", "advocate"},
                {"--username", "Maria!", "--role", "advocate", "--password-stdin"},
                {"--username", "m", "--role", "advocate", "--password-stdin"},
                {"--username", "maria", "--role", "advocate", "--password-stdin", "--colour", "red"},
                {"--username", "maria", "--role", "advocate", "--password", PASSWORD},
                {"--username", "maria", "--role"},
                {"--username", "maria", "--role", "advocate", "--display-name", "  ", "--password-stdin"},
        };
        for (String[] args : cases) {
            assertEquals(2, run(PASSWORD + "\n", args), String.join(" ", args));
            assertTrue(err().contains("usage:"), err());
        }
        assertTrue(store.accounts().await().isEmpty());
    }
}
