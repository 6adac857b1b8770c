package org.hearthhub.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.auth.FirstLeadBootstrap;
import org.hearthhub.cli.UserAddCommand;
import org.hearthhub.i18n.Languages;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.testing.TestHub;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The three ways a brand-new account is made (the first start's lead, {@code user add}, a lead's create in the console)
 * give the same defaults for every field none of them is told: no authenticator, enabled, no program phone, the
 * default program alone, not a coalition admin; and each keeps what it sets itself as it always did.
 */
class NewAccountsTest extends LeadApiTestBase {
    /** Every field of the account by name, as the record declares them, so a field added later is compared too. */
    private static Map<String, Object> fields(Account a) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : Account.class.getRecordComponents()) out.put(c.getName(), c.getAccessor().invoke(a));
        return out;
    }

    /** The fields no path is told, as a map to compare: all but name, display name, role, hash, date and the ones set. */
    private static Map<String, Object> defaults(Account a, List<String> set) throws Exception {
        Map<String, Object> out = fields(a);
        for (String told : List.of("username", "displayName", "role", "passwordHash", "createdAt")) out.remove(told);
        set.forEach(out::remove);
        return out;
    }

    private Account stored(String username) throws Exception {
        return TestHub.await(hub.hub.settingsStore().account(username)).orElseThrow();
    }

    @Test
    void theFirstLeadUserAddAndTheConsoleMakeAccountsWithTheSameDefaults() throws Exception {
        Account firstLead = stored(FirstLeadBootstrap.USERNAME);

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = UserAddCommand.run(new String[]{"user", "add", "--username", "maria", "--role", "advocate", "--password-stdin"},
                new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), hub.hub.config(), hub.hub.settingsStore(), org.hearthhub.auth.TestConfigs.cheapHasher(hub.vertx), hub.clock);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Account added = stored("maria");

        assertEquals(201, client.post("/api/v1/lead/staff", lead, new JsonObject().put("username", "ana").put("displayName", "Ana")
                .put("role", "advocate").put("password", "a long enough password").put("capacity", 3)
                .put("languages", new JsonArray().add("es").add("en")).put("uiLanguage", "es")).statusCode());
        Account created = stored("ana");

        // What each path sets itself, as before.
        assertEquals(List.of("Program lead", Role.LEAD, 2, true), List.of(firstLead.displayName(), firstLead.role(),
                firstLead.capacity(), firstLead.mustChangePassword()));
        assertEquals(List.of("maria", Role.ADVOCATE, hub.hub.config().queue().defaultCapacity(), false, hub.clock.instant()),
                List.of(added.displayName(), added.role(), added.capacity(), added.mustChangePassword(), added.createdAt()));
        assertEquals(List.of("Ana", Role.ADVOCATE, 3, true, List.of("es", "en"), "es"), List.of(created.displayName(), created.role(),
                created.capacity(), created.mustChangePassword(), created.languages(), created.uiLanguage()));
        for (Account a : List.of(firstLead, added, created)) assertNotNull(a.passwordHash());

        // Everything else, alike.
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("totpSecret", null);
        expected.put("disabled", false);
        expected.put("phone", null);
        expected.put("programs", Map.of());
        expected.put("coalitionAdmin", false);
        expected.put("devicesEpoch", 0L);
        List<String> set = List.of("capacity", "mustChangePassword", "languages", "uiLanguage");
        for (Account a : List.of(firstLead, added, created)) assertEquals(expected, defaults(a, set), a.username());
        for (Account a : List.of(firstLead, added)) {
            assertEquals(List.of(List.of(Languages.DEFAULT), Languages.DEFAULT), List.of(a.languages(), a.uiLanguage()), a.username());
        }
    }

    @Test
    void inAnotherProgramUserAddAndTheConsoleListThatProgramAlone() throws Exception {
        TestHub.await(hub.hub.programs().create(org.hearthhub.model.ProgramId.of("riverside"), "Riverside"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = UserAddCommand.run(new String[]{"user", "add", "--username", "rita", "--role", "lead", "--program", "riverside",
                        "--coalition-admin", "--password-stdin"},
                new ByteArrayInputStream("a long enough password\n".getBytes(StandardCharsets.UTF_8)), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), hub.hub.config(), hub.hub.settingsStore(), org.hearthhub.auth.TestConfigs.cheapHasher(hub.vertx), hub.clock);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Account rita = stored("rita");
        assertEquals(List.of(Role.LEAD, Map.of("riverside", Role.LEAD), true), List.of(rita.role(), rita.programs(), rita.coalitionAdmin()));
    }
}
