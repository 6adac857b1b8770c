package org.hearthhub.settings;

import org.hearthhub.model.Role;
import org.hearthhub.util.HubJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Staff memberships: accounts from before programs existed work in the default program, read in place. */
class AccountMembershipsTest {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/single-program/programs/main/accounts.json");

    private static List<Account> fixture() throws Exception {
        return List.of(HubJson.mapper().readValue(FIXTURE.toFile(), Account[].class));
    }

    @Test
    void anAccountFromBeforeProgramsWorksInTheDefaultProgramWithItsRole() throws Exception {
        Account rosa = fixture().get(1);
        assertEquals("rosa", rosa.username());
        assertEquals(Map.of("main", Role.LEAD), rosa.memberships("main"));
        assertEquals(Optional.of(Role.LEAD), rosa.roleIn("main", "main"));
        assertEquals(Optional.empty(), rosa.roleIn("riverside", "main"));
        assertFalse(rosa.coalitionAdmin());
    }

    @Test
    void anAccountInTheDefaultProgramAloneIsStoredAsBefore() throws Exception {
        Account maria = fixture().get(0);
        String stored = HubJson.mapper().writeValueAsString(maria);
        assertFalse(stored.contains("programs") || stored.contains("coalitionAdmin"), stored);
        Account again = maria.withRoleIn("riverside", Role.ADVOCATE, "main").withRoleIn("riverside", null, "main");
        assertEquals(maria, again, "joining and leaving another program leaves the account as it was");
    }

    @Test
    void joiningAnotherProgramListsBothAndKeepsTheDefaultRoleAsTheHeadline() throws Exception {
        Account maria = fixture().get(0).withRoleIn("riverside", Role.LEAD, "main");
        assertEquals(Map.of("main", Role.ADVOCATE, "riverside", Role.LEAD), maria.memberships("main"));
        assertEquals(Role.ADVOCATE, maria.role(), "what older versions read: the default program's role");
        Account read = HubJson.mapper().readValue(HubJson.mapper().writeValueAsString(maria), Account.class);
        assertEquals(maria, read);
        Account elsewhere = maria.withRoleIn("main", null, "main");
        assertEquals(Map.of("riverside", Role.LEAD), elsewhere.memberships("main"));
        assertEquals(Optional.empty(), elsewhere.roleIn("main", "main"), "no longer in the default program");
        assertEquals(Role.LEAD, elsewhere.role());
    }

    @Test
    void theCoalitionAdminFlagIsStoredOnlyWhenSet() throws Exception {
        Account admin = fixture().get(1).withCoalitionAdmin(true);
        String stored = HubJson.mapper().writeValueAsString(admin);
        assertTrue(stored.contains("\"coalitionAdmin\":true"), stored);
        assertEquals(admin, HubJson.mapper().readValue(stored, Account.class));
        assertTrue(Files.exists(FIXTURE));
    }
}
