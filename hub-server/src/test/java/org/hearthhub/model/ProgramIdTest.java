package org.hearthhub.model;

import org.hearthhub.util.HubJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgramIdTest {

    @Test
    void lowerCaseLettersDigitsAndDashesUpToFortyAreIds() {
        for (String ok : new String[]{"main", "riverside", "east-side-2", "7", "a".repeat(40)}) {
            assertEquals(ok, ProgramId.of(ok).value());
            assertTrue(ProgramId.parse(ok).isPresent());
        }
    }

    @Test
    void anythingElseIsNoIdAndNamesTheRule() {
        for (String bad : new String[]{null, "", "Main", "-main", "river side", "a".repeat(41), "../main", "<script>",
                "main\n", "ñandú", "main%00"}) {
            assertTrue(ProgramId.parse(bad).isEmpty(), "not an id: " + bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProgramId.of(bad));
            assertTrue(e.getMessage().contains(ProgramId.RULE), e.getMessage());
        }
    }

    @Test
    void aProgramIsStoredWithItsIdAsPlainText() throws Exception {
        Program p = new Program(ProgramId.of("riverside"), "Riverside Shelter", Instant.parse("2026-12-01T10:00:00Z"));
        String json = HubJson.mapper().writeValueAsString(p);
        assertTrue(json.contains("\"id\":\"riverside\""), json);
        assertEquals(p, HubJson.mapper().readValue(json, Program.class));
    }

    @Test
    void aStoredIdOfAnotherShapeIsRefusedWhenRead() {
        assertThrows(Exception.class, () -> HubJson.mapper().readValue("{\"id\":\"../x\",\"name\":\"x\"}", Program.class));
    }

    @Test
    void aProgramWithoutANameIsNamedByItsId() {
        assertEquals("eastside", new Program(ProgramId.of("eastside"), " ", null).name());
    }
}
