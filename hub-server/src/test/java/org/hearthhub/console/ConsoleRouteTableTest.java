package org.hearthhub.console;

import io.vertx.core.http.HttpMethod;
import org.hearthhub.auth.StaffAccess.Standing;
import org.hearthhub.console.ConsoleRoutes.ConsoleRoute;
import org.hearthhub.console.ConsoleRoutes.Guard;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The declarations the console's guards follow, and the guard chain each route gets from its declaration
 * ({@link ConsoleAccessTest} and the gate tests prove the guards over HTTP for every declared route): lead
 * paths are lead-only, coalition paths admin-only, every route needs a session, every state-changing one a
 * same-origin request and the CSRF token, pages never change state, and only the steps a person must take
 * first stay reachable while they are due.
 */
class ConsoleRouteTableTest {
    private static boolean underLeadPaths(String path) {
        return path.equals("/console/lead") || path.startsWith("/console/lead/") || path.startsWith("/api/v1/lead/");
    }

    @Test
    void everyRouteUnderTheLeadPathsIsForLeadsOnlyAndNoOtherIs() {
        for (ConsoleRoute route : ConsoleRoutes.ROUTES) {
            assertEquals(underLeadPaths(route.path()), route.lead(), route.toString());
        }
    }

    @Test
    void everyRouteUnderTheCoalitionPathIsForCoalitionAdminsOnlyAndNoOtherIs() {
        for (ConsoleRoute route : ConsoleRoutes.ROUTES) {
            boolean coalitionPath = route.path().startsWith("/console/coalition/") || route.path().startsWith("/api/v1/coalition/");
            assertEquals(coalitionPath, route.coalition(), route.toString());
            assertTrue(!route.coalition() || route.reachableWhile().isEmpty(), "no coalition route skips a due step: " + route);
        }
    }

    @Test
    void pagesOnlyShowAndApisLiveUnderTheApiPrefix() {
        for (ConsoleRoute route : ConsoleRoutes.ROUTES) {
            if (route.page()) {
                assertEquals(HttpMethod.GET, route.method(), "a page never changes state (no CSRF token on it): " + route);
                assertTrue(route.path().startsWith("/console"), route.toString());
            } else {
                assertTrue(route.path().startsWith("/api/v1/"), route.toString());
                assertTrue(List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE).contains(route.method()), route.toString());
            }
        }
    }

    @Test
    void eachRouteIsDeclaredOnceWithAHandler() {
        Set<String> seen = new HashSet<>();
        for (ConsoleRoute route : ConsoleRoutes.ROUTES) {
            assertTrue(seen.add(route.toString()), "declared twice: " + route);
            assertNotNull(route.handler(), route.toString());
        }
        assertEquals(ConsoleRoutes.ROUTES.size(), ConsoleRoutes.STAFF_PAGES.size() + ConsoleRoutes.STAFF_APIS.size()
                + ConsoleRoutes.LEAD_PAGES.size() + ConsoleRoutes.LEAD_APIS.size() + ConsoleRoutes.COALITION_PAGES.size()
                + ConsoleRoutes.COALITION_APIS.size(), "the six views cover the table");
        assertFalse(ConsoleRoutes.COALITION_APIS.isEmpty(), "the coalition's API is in the table");
    }

    @Test
    void everyRouteNeedsASessionFirstAndItsRole() {
        for (ConsoleRoute route : ConsoleRoutes.ROUTES) {
            List<Guard> chain = ConsoleRoutes.guards(route);
            int session = chain.indexOf(Guard.SESSION);
            assertTrue(session >= 0, "signed in: " + route);
            for (Guard readsTheSession : List.of(Guard.WORKPLACE, Guard.CSRF, Guard.ACCOUNT, Guard.COALITION_ADMIN, Guard.AUDIT_NOTICE)) {
                assertTrue(!chain.contains(readsTheSession) || chain.indexOf(readsTheSession) > session, readsTheSession + " after the session: " + route);
            }
            assertTrue(chain.contains(Guard.ACCOUNT), "a disabled account or a due step is checked: " + route);
            if (route.lead()) assertTrue(chain.contains(Guard.WORKPLACE), "the lead role, in the program acted on: " + route);
            assertEquals(route.coalition(), chain.contains(Guard.COALITION_ADMIN), "coalition admins only: " + route);
            assertFalse(route.coalition() && chain.contains(Guard.WORKPLACE), "hub-wide, no program chosen: " + route);
            boolean ownAccount = !route.reachableWhile().isEmpty();
            assertEquals(!route.coalition() && !ownAccount, chain.contains(Guard.WORKPLACE),
                    "every other route works in a program the person works in: " + route);
        }
    }

    @Test
    void everyStateChangingRouteNeedsTheCsrfTokenAndTheHubsOrigin() {
        for (ConsoleRoute route : ConsoleRoutes.ROUTES) {
            List<Guard> chain = ConsoleRoutes.guards(route);
            assertEquals(route.changesState(), chain.contains(Guard.CSRF), "CSRF token: " + route);
            assertEquals(route.changesState(), chain.contains(Guard.SAME_ORIGIN), "same origin: " + route);
            if (route.changesState()) {
                assertEquals(List.of(Guard.BODY, Guard.SAME_ORIGIN, Guard.SESSION), chain.subList(0, 3),
                        "a bounded body and the origin before anything asynchronous: " + route);
            }
        }
    }

    @Test
    void onlyTheStepsDueFirstStayReachableWhileTheyAreDue() {
        Set<String> whileEnrolling = new HashSet<>();
        Set<String> whileChangingPassword = new HashSet<>();
        for (ConsoleRoute route : ConsoleRoutes.ROUTES) {
            if (route.reachableWhile().contains(Standing.TOTP_ENROLMENT_DUE)) whileEnrolling.add(route.toString());
            if (route.reachableWhile().contains(Standing.PASSWORD_CHANGE_DUE)) whileChangingPassword.add(route.toString());
            assertTrue(!route.lead() || route.reachableWhile().isEmpty(), "no lead route skips a due step: " + route);
        }
        assertEquals(Set.of("GET /console/totp", "GET /api/v1/console/me", "PUT /api/v1/console/me", "POST /api/v1/console/totp",
                "POST /api/v1/console/password"), whileEnrolling);
        assertEquals(Set.of("GET /console/totp", "POST /api/v1/console/password"), whileChangingPassword);
    }
}
