package org.hearthhub.loadtest;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void withoutProgramsEveryoneIsInTheDefaultProgramAndHubsAreDealtRoundRobinAsBefore() {
        Options o = Options.parse(new String[0]);
        assertEquals(1, o.programs());
        assertFalse(o.multiProgram());
        assertEquals(List.of(), o.programIds());
        assertNull(o.programOf(7));
        assertEquals(1000, o.activeChats(), "50 advocates x 20");
        assertEquals(List.of(0, 1, 0, 1), List.of(o.hubOf(0, 2), o.hubOf(1, 2), o.hubOf(2, 2), o.hubOf(3, 2)));
    }

    @Test
    void aTimelineIsWrittenOnlyWhenAskedFor() {
        assertNull(Options.parse(new String[0]).timeline());
        assertEquals(java.nio.file.Path.of("tl.txt"), Options.parse(new String[]{"--timeline", "tl.txt"}).timeline());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--timeline"}), "a file is needed");
    }

    @Test
    void fiftyProgramsGetTwoHundredSurvivorsAndTenAdvocatesEachSpreadOverBothHubs() {
        Options o = Options.parse(new String[]{"--programs", "50", "--advocates", "500", "--capacity", "20"});
        assertEquals(50, o.programIds().size());
        assertEquals("p01", o.programIds().get(0));
        assertEquals("p50", o.programIds().get(49));
        Map<String, Integer> survivors = new HashMap<>();
        Map<String, Integer> advocates = new HashMap<>();
        Map<String, Map<Integer, Integer>> survivorsByHub = new HashMap<>();
        for (int j = 0; j < o.survivors(); j++) {
            survivors.merge(o.programOf(j), 1, Integer::sum);
            survivorsByHub.computeIfAbsent(o.programOf(j), k -> new HashMap<>()).merge(o.hubOf(j, 2), 1, Integer::sum);
        }
        for (int i = 0; i < o.advocates(); i++) advocates.merge(o.programOf(i), 1, Integer::sum);
        for (String p : o.programIds()) {
            assertEquals(200, survivors.get(p), p);
            assertEquals(10, advocates.get(p), p);
            assertEquals(Map.of(0, 100, 1, 100), survivorsByHub.get(p), p + ": half of its survivors on each hub");
        }
        assertEquals(10_000, o.activeChats(), "every survivor served: 10 advocates x 20 = 200 per program");
    }

    @Test
    void unevenProgramsCountWhatEachProgramCanServe() {
        Options o = Options.parse(new String[]{"--programs", "3", "--survivors", "100", "--advocates", "10", "--capacity", "10"});
        assertEquals(List.of("p01", "p02", "p03"), o.programIds());
        assertEquals(34 + 30 + 30, o.activeChats());
        Options many = Options.parse(new String[]{"--programs", "120", "--advocates", "120"});
        assertEquals("p001", many.programIds().get(0));
        assertEquals("p120", many.programIds().get(119));
    }

    @Test
    void programsNeedAnAdvocateAndASurvivorEach() {
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--programs", "51"}), "50 advocates by default");
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--programs", "5", "--survivors", "4"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--programs", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--programs", "two"}));
        assertTrue(Options.USAGE.contains("--programs N"));
    }

    @Test
    void theRelaysChatsAreSpreadOverItsLoopsUnlessAskedToKeepThemTogether() {
        assertTrue(Options.parse(new String[0]).spreadRelayPairs());
        assertTrue(Options.parse(new String[]{"--relay-pairs", "spread"}).spreadRelayPairs());
        assertFalse(Options.parse(new String[]{"--relay-pairs", "together"}).spreadRelayPairs());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[]{"--relay-pairs", "apart"}));
        assertTrue(bad.getMessage().contains("spread or together"), bad.getMessage());
        assertTrue(Options.USAGE.contains("--relay-pairs spread|together"));
    }

    @Test
    void roundsAreOneUnlessAskedForAndNeedHubsTheToolStarts() {
        assertEquals(1, Options.parse(new String[0]).rounds());
        assertEquals(3, Options.parse(new String[]{"--rounds", "3"}).rounds());
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--rounds", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--rounds", "11"}));
        IllegalArgumentException given = assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[]{"--rounds", "2", "--hub", "http://127.0.0.1:8080"}));
        assertTrue(given.getMessage().contains("--hub"), given.getMessage());
        assertEquals(1, Options.parse(new String[]{"--rounds", "1", "--hub", "http://127.0.0.1:8080"}).rounds());
    }
}
