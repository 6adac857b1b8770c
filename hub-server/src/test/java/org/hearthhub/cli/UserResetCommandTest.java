package org.hearthhub.cli;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.hearthhub.audit.AuditEntry;
import org.hearthhub.auth.PasswordHasher;
import org.hearthhub.auth.TestConfigs;
import org.hearthhub.config.HubConfig;
import org.hearthhub.model.Program;
import org.hearthhub.model.ProgramId;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.FileSettingsStore;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.settings.SettingsStore;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code user reset} on a data directory, with the hub stopped as the command asks: the program's only lead, who works
 * in a second program too, is let back in, and a real hub started afterwards on that directory signs her in.
 */
@ExtendWith(VertxExtension.class)
class UserResetCommandTest {
    private static final String OLD_PASSWORD = "the password she forgot";
    private static final String NEW_PASSWORD = "a new long enough password";
    /** A TOTP secret of an authenticator app the lead lost. */
    private static final String LOST_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    @TempDir
    Path dataDir;
    private Vertx vertx;
    private FileSettingsStore store;
    private HubConfig config;
    private PasswordHasher hasher;
    private TestHub hub;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        store = new FileSettingsStore(vertx, dataDir, "main");
        config = TestConfigs.hub(dataDir, "http://localhost:8080", new HubConfig.Auth(30, 5, 15, false));
        hasher = TestConfigs.cheapHasher(vertx);
        store.addProgram(new Program(ProgramId.of("riverside"), "Riverside", null)).await();
        store.saveAccount(new Account("lena", "Lena", Role.LEAD, hasher.hashNow(OLD_PASSWORD), LOST_SECRET, false, 2,
                List.of("en"), "en", UserAddCommandTest.CLOCK.instant(), false, null,
                Map.of("main", Role.LEAD, "riverside", Role.ADVOCATE), false)).await();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (hub != null) hub.close();
        store.close().await();
    }

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        UserResetCommand.Target target = new UserResetCommand.Target(config, store, Optional.empty(), () -> {
        });
        return UserResetCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                target, hasher, UserAddCommandTest.CLOCK);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The hub started on the data directory after the command, as the operator does. */
    private HttpResponse<Buffer> signIn(String password) throws Exception {
        if (hub == null) hub = TestHub.start(vertx, dataDir);
        return TestHub.await(TestHub.tryLogin(hub.clientFrom("127.0.0.1", 2), "lena", password));
    }

    private List<AuditEntry> log(String program) {
        SettingsStore of = program.equals("main") ? store : store.forProgram(ProgramId.of(program));
        return of.auditEntries(0, 1000).await();
    }

    @Test
    void theNewPasswordSignsInOnTheHubStartedAfterAndTheOldOneNoLonger() throws Exception {
        int code = run(NEW_PASSWORD + "\n", "user", "reset", "--username", "lena", "--password-stdin");

        assertEquals(0, code, err());
        assertEquals("Reset 'lena' (new password, to be changed at sign-in) in the data directory "
                        + dataDir.toAbsolutePath().normalize() + "; its sessions and sign-in locks are in the hub's memory, out of "
                        + "reach here (gone once the hub is stopped); recorded in the access log of main, riverside.",
                out().strip());
        assertFalse(out().contains(NEW_PASSWORD) || err().contains(NEW_PASSWORD), "the password is never printed");
        assertTrue(store.account("lena").await().orElseThrow().mustChangePassword(), "someone else chose it, as a lead's reset");

        assertEquals(401, signIn(OLD_PASSWORD).statusCode());
        HttpResponse<Buffer> signedIn = signIn(NEW_PASSWORD);
        // Her authenticator was not part of this reset: the password alone is not enough yet.
        assertEquals(401, signedIn.statusCode(), signedIn.bodyAsString());
        assertTrue(signedIn.bodyAsJsonObject().getBoolean("totpRequired", false), signedIn.bodyAsString());
    }

    @Test
    void theResetIsInTheAccessLogOfEveryProgramOfTheAccountByTheHostOperator() {
        assertEquals(0, run(NEW_PASSWORD + "\n", "--username", "lena", "--password-stdin", "--totp-off"), err());

        for (String program : List.of("main", "riverside")) {
            List<AuditEntry> entries = log(program);
            assertEquals(List.of("account.password.reset", "account.totp.reset"),
                    entries.stream().map(e -> e.record().action()).toList(), program);
            for (AuditEntry e : entries) {
                assertEquals("host:operator", e.record().actor(), program + ": not 'system', not a username");
                assertEquals("lena", e.record().target());
                assertFalse(e.toString().contains(NEW_PASSWORD), "never the password");
            }
        }
    }

    @Test
    void totpOffLetsTheLeadInWithThePasswordAloneStraightToEnrolmentWhereRequired() throws Exception {
        store.updateProgramSettings(s -> s.withStaffSecurity(new ProgramSettings.StaffSecurity(true, List.of()))).await();
        assertNotNull(store.account("lena").await().orElseThrow().totpSecret());

        assertEquals(0, run("", "--username", "lena", "--totp-off"), err());
        assertTrue(out().startsWith("Reset 'lena' (authenticator removed) in the data directory "), out());

        HttpResponse<Buffer> signedIn = signIn(OLD_PASSWORD);
        assertEquals(200, signedIn.statusCode(), signedIn.bodyAsString());
        String cookie = signedIn.cookies().get(0).split(";", 2)[0];
        HttpResponse<Buffer> work = TestHub.await(hub.clientFrom("127.0.0.1", 2).get("/api/v1/console/library")
                .putHeader("Cookie", cookie).send());
        assertEquals(403, work.statusCode(), work.bodyAsString());
        assertTrue(work.bodyAsJsonObject().getBoolean("totpEnrolmentRequired"), "every program requires it: she enrols again first");
        // Then her sign-in, written by the hub after the command's entries.
        assertEquals(List.of("account.totp.reset", "account.unlock", "signin"), log("main").stream().map(e -> e.record().action()).toList());
    }

    @Test
    void enableLetsADisabledAccountSignInAgain() throws Exception {
        Account lena = store.account("lena").await().orElseThrow();
        store.saveAccount(lena.withDisabled(true)).await();

        assertEquals(0, run("", "--username", "lena", "--enable", "--totp-off"), err());

        assertFalse(store.account("lena").await().orElseThrow().disabled());
        assertTrue(out().startsWith("Reset 'lena' (authenticator removed, enabled) in the data directory "), out());
        assertTrue(log("riverside").stream().anyMatch(e -> e.record().action().equals("account.update")
                && "disabled=false".equals(e.record().detail())), "worded as a lead's Enable");
        assertEquals(200, signIn(OLD_PASSWORD).statusCode());
    }

    @Test
    void badInputGivesOneLineAndChangesNothing() throws Exception {
        byte[] accounts = Files.readAllBytes(dataDir.resolve("programs/main/accounts.json"));
        String[][] refused = {
                {NEW_PASSWORD + "\n", "1", "error: there is no account named 'nobody' in the data directory ", "--username", "nobody",
                        "--password-stdin"},
                {"", "2", "error: say what to reset: --password-stdin, --totp-off and/or --enable", "--username", "lena"},
                {"too short\n", "1", "error: The password must be at least 12 characters", "--username", "lena", "--password-stdin",
                        "--totp-off"},
                {"", "1", "error: The password must not be blank", "--username", "lena", "--password-stdin", "--enable"},
                {"", "2", "error: passwords are not accepted on the command line", "--username", "lena", "--password", NEW_PASSWORD},
                {"", "2", "error: the username must be 2-40 characters", "--username", "Lena!", "--totp-off"},
        };
        for (String[] c : refused) {
            String[] args = java.util.Arrays.copyOfRange(c, 3, c.length);
            int code = run(c[0], args);
            String line = err().lines().findFirst().orElse("");
            assertEquals(Integer.parseInt(c[1]), code, String.join(" ", args) + ": " + err());
            assertTrue(line.startsWith(c[2]), line);
            assertEquals("", out(), "nothing claims a reset");
            assertFalse(err().contains(NEW_PASSWORD), "a password given is never echoed");
        }
        assertArrayEquals(accounts, Files.readAllBytes(dataDir.resolve("programs/main/accounts.json")), "the account as it was");
        assertTrue(log("main").isEmpty() && log("riverside").isEmpty(), "nothing in the access log");
        assertNull(hub);
    }
}
