package org.hearthhub.console;

import io.vertx.core.json.JsonObject;
import org.hearthhub.model.Role;
import org.hearthhub.settings.ProgramSettings;
import org.hearthhub.testing.RedisStores;
import org.hearthhub.testing.TestHub;
import org.hearthhub.testing.TestHubExtension;
import org.hearthhub.util.HubJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Another node's settings change whose notice this node never got (a notice is lost for good when the notice
 * connection drops, and the safety poll may be minutes away) is kept when a lead here saves another section:
 * the change is made to the settings as stored, not as this node last read them. Real Redis.
 */
class LeadSaveOverAnotherNodesChangeTest {
    private static final String ELSEWHERE_EXIT = "https://example.org/weather";

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
}
