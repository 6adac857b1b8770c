package org.hearthhub.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.hearthhub.console.ConsoleRoutes.ConsoleRoute;
import org.hearthhub.settings.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every staff and lead API, route by route, refuses a session whose account must enrol in TOTP first
 * (403 {@code totpEnrolmentRequired}); only what enrolling needs stays open: your profile, the
 * enrolment itself and your password.
 */
class TotpEnrolmentGateTest extends LeadApiTestBase {
    private static final Set<String> OPEN_WHILE_ENROLLING = Set.of("/api/v1/console/me", "/api/v1/console/totp",
            "/api/v1/console/password");

    private HttpResponse<Buffer> call(ConsoleRoute api, ConsoleClient.Staff who) throws Exception {
        String path = api.path().replace(":username", "lena");
        return client.send(api.method(), path, who, api.changesState() ? new JsonObject() : null, true);
    }

    private void assertGated(List<ConsoleRoute> apis, ConsoleClient.Staff who) throws Exception {
        for (ConsoleRoute api : apis) {
            HttpResponse<Buffer> r = call(api, who);
            JsonObject body = r.bodyAsJsonObject();
            if (OPEN_WHILE_ENROLLING.contains(api.path())) {
                assertFalse(body != null && body.getBoolean("totpEnrolmentRequired", false), api + " is needed to enrol");
            } else {
                assertEquals(403, r.statusCode(), api.toString());
                assertEquals("forbidden", body.getString("code"), api.toString());
                assertTrue(body.getBoolean("totpEnrolmentRequired"), api.toString());
                assertEquals("Set up your authenticator app first.", body.getString("message"), api.toString());
            }
        }
    }

    @Test
    void aLeadWhoMustEnrolReachesNoLeadOrStaffApiButEnrolment() throws Exception {
        assertEquals(200, client.put("/api/v1/lead/security", lead, new JsonObject().put("requireTotpForAll", true)).statusCode());
        List<ConsoleRoute> apis = new ArrayList<>(ConsoleRoutes.LEAD_APIS);
        apis.addAll(ConsoleRoutes.STAFF_APIS);
        assertGated(apis, lead);
    }

    @Test
    void anAdvocateWhoAloneMustEnrolReachesNoStaffApiButEnrolment() throws Exception {
        ConsoleClient.Staff ana = client.account("ana", Role.ADVOCATE);
        ConsoleClient.Staff bea = client.account("bea", Role.ADVOCATE);
        assertEquals(200, client.put("/api/v1/lead/staff/ana", lead, new JsonObject().put("requireTotp", true)).statusCode());
        assertGated(ConsoleRoutes.STAFF_APIS, ana);
        assertEquals(200, client.get("/api/v1/console/library", bea).statusCode(), "others are not affected");
    }
}
