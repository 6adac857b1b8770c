package org.hearthhub.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Role;
import org.hearthhub.settings.Account;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.util.HubJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Another node's change whose notice this node never got (a notice is lost for good when the notice connection drops,
 * and the safety poll may be minutes away) is kept when someone here saves: a lead's settings change is made to the
 * settings as stored, and a change to an account to the account as stored, not as this node last read them. Real Redis.
 */
class SaveOverAnotherNodesChangeTest {
    private static final String ELSEWHERE_EXIT = "https://example.org/weather";
    private static final String ACCOUNTS = "hearth:{main}:accounts";

    @RegisterExtension
    static final RedisStores redis = RedisStores.perTestClass();
    @RegisterExtension
    final TestHubExtension hubs = TestHubExtension.embedded().redisStores(() -> redis)
            .env("HEARTH_SETTINGS_RELOAD_SECONDS", "3600");
    TestHub hub;

    @Test
    void aLeadsSaveKeepsAChangeThisNodeWasNeverTold() throws Exception {
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff lead = client.account("lena", Role.LEAD);
        ProgramSettings stored = TestHub.await(hub.hub.settingsStore().programSettings());
        ProgramSettings.WidgetLook look = stored.widget();
        ProgramSettings elsewhere = stored.withWidget(new ProgramSettings.WidgetLook(look.title(), look.notice(), look.primaryColor(),
                look.position(), ELSEWHERE_EXIT));
        // Another node's save, its notice lost: straight into Redis.
        String json = HubJson.mapper().writeValueAsString(elsewhere);
        redis.settings().inspect(r -> r.set("hearth:{main}:settings", json));
        assertNotEquals(ELSEWHERE_EXIT, hub.hub.settings().get().widget().quickExitUrl(), "this node has not heard of it");

        assertEquals(200, client.put("/api/v1/lead/hours", lead, new JsonObject().put("timeZone", "America/Chicago")
                .put("alwaysOpen", true)).statusCode());

        ProgramSettings after = TestHub.await(hub.hub.settingsStore().programSettings());
        assertEquals("America/Chicago", after.timeZone(), "the lead's change");
        assertEquals(ELSEWHERE_EXIT, after.widget().quickExitUrl(), "the other node's change, kept");
        assertEquals(ELSEWHERE_EXIT, hub.hub.settings().get().widget().quickExitUrl(), "and served here now");
    }

    /** Ana, signed in here, her own password chosen. */
    private ConsoleClient.Staff ana(ConsoleClient client) throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        client.ownPasswordChosen("ana");
        return ana;
    }

    /** Another node's change to her account, its notice lost: straight into Redis. */
    private void changedElsewhere(UnaryOperator<Account> change) throws Exception {
        Account before = TestHub.await(hub.hub.accounts().account("ana")).orElseThrow();
        String json = HubJson.mapper().writeValueAsString(change.apply(before));
        redis.settings().inspect(r -> r.hset(ACCOUNTS, "ana", json));
    }

    private Account stored() throws Exception {
        String[] json = new String[1];
        redis.settings().inspect(r -> json[0] = r.hget(ACCOUNTS, "ana"));
        return HubJson.mapper().readValue(json[0], Account.class);
    }

    @Test
    void aPersonsOwnChangeDoesNotUndoADisableThisNodeWasNeverTold() throws Exception {
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff ana = ana(client);
        changedElsewhere(a -> a.withDisabled(true)); // a lead on another node disables her
        assertFalse(TestHub.await(hub.hub.accounts().account("ana")).orElseThrow().disabled(), "this node has not heard of it");

        // Her own change of languages here, at the same moment.
        client.put("/api/v1/console/me", ana, new JsonObject().put("languages", new JsonArray().add("es")));

        assertTrue(stored().disabled(), "the other node's Disable stands");
        assertEquals(List.of("es"), stored().languages(), "and her change is made to it");
    }

    /**
     * A lead on another node resets a password thought leaked; whoever holds the old one changes it here at the same
     * moment. The change checked the old password against what this node knew, and is refused rather than saved over
     * the reset.
     */
    @Test
    void anOwnPasswordChangeDoesNotUndoAResetThisNodeWasNeverTold() throws Exception {
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff ana = ana(client);
        changedElsewhere(a -> a.withPassword("$argon2id$the-leads-reset", true));

        int status = client.post(ConsoleGuards.PASSWORD_API, ana, new JsonObject().put("current", TestHub.PASSWORD)
                .put("password", "a brand new passphrase of mine")).statusCode();

        assertEquals(403, status, "the password checked is no longer the account's");
        assertEquals("$argon2id$the-leads-reset", stored().passwordHash(), "the reset stands");
    }

    @Test
    void aLeadsEditIsMadeToAndAnswersTheAccountAsStored() throws Exception {
        ConsoleClient client = new ConsoleClient(hub);
        ConsoleClient.Staff lead = client.account("lena", Role.LEAD);
        ana(client);
        changedElsewhere(a -> a.withLanguages(List.of("es"))); // she changed her languages on another node

        var answer = client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("capacity", 3));

        assertEquals(200, answer.statusCode());
        assertEquals(new JsonArray().add("es"), answer.bodyAsJsonObject().getJsonArray("languages"), "the answer is the account as saved");
        assertEquals(List.of("es"), stored().languages(), "her change kept");
        assertEquals(3, stored().capacity(), "and the lead's made to it");
    }
}
