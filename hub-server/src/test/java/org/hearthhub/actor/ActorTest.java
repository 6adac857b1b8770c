package org.hearthhub.actor;

import org.hearthhub.live.LiveEvent;
import org.hearthhub.live.LiveEventCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActorTest {
    @Test
    void everyPartyNameIsReservedAndNothingElse() {
        for (Actor.Party p : Actor.Party.values()) {
            assertTrue(Actor.isReserved(p.encode()), p.encode());
            assertTrue(Actor.isReserved(" " + p.encode().toUpperCase() + " "), "as typed into a form");
        }
        assertFalse(Actor.isReserved("maria"));
        assertFalse(Actor.isReserved("systems"));
        assertFalse(Actor.isReserved("staff"));
        assertFalse(Actor.isReserved(null));
    }

    @Test
    void staffAreWrittenAsTheirUsernameAsBeforeAndPartiesByName() {
        assertEquals("maria", Actor.staff("maria").encode());
        assertEquals("system", Actor.Party.SYSTEM.encode());
        assertEquals("survivor", Actor.Party.SURVIVOR.encode());
        assertEquals("sms", Actor.Party.SMS.encode());
        for (Actor a : new Actor[]{Actor.staff("maria"), Actor.Party.SYSTEM, Actor.Party.SURVIVOR, Actor.Party.SMS}) {
            assertEquals(a, Actor.decode(a.encode()));
        }
    }

    @Test
    void anAccountThatHeldAReservedNameIsNeverTakenForTheParty() {
        for (Actor.Party p : Actor.Party.values()) {
            Actor staff = Actor.staff(p.encode());
            assertEquals("staff:" + p.encode(), staff.encode());
            assertEquals(staff, Actor.decode(staff.encode()));
            assertTrue(Actor.decode(staff.encode()) instanceof Actor.Staff);
        }
    }

    @Test
    void textsWrittenBeforeActorsHadTypesReadAsTheyWereMeant() {
        assertEquals(Actor.Party.SYSTEM, Actor.decode("system"));
        assertEquals(Actor.Party.SURVIVOR, Actor.decode("survivor"));
        assertEquals(Actor.staff("lena"), Actor.decode("lena"));
        assertThrows(IllegalArgumentException.class, () -> Actor.decode(""));
        assertThrows(IllegalArgumentException.class, () -> Actor.decode("staff:"));
        assertThrows(IllegalArgumentException.class, () -> Actor.staff(" "));
    }

    @Test
    void typingCrossesNodesWithItsSideIntact() {
        LiveEvent.Typing byAdvocate = new LiveEvent.Typing("c1", Actor.staff("survivor"));
        assertEquals(byAdvocate, LiveEventCodec.decode(LiveEventCodec.encode(byAdvocate)));
        LiveEvent.Typing bySurvivor = new LiveEvent.Typing("c1", Actor.Party.SURVIVOR);
        assertEquals(bySurvivor, LiveEventCodec.decode(LiveEventCodec.encode(bySurvivor)));
        // An older node writes "from" as a plain string: the survivor, or an advocate's username.
        assertEquals(bySurvivor, LiveEventCodec.decode("{\"type\":\"Typing\",\"conversation\":\"c1\",\"from\":\"survivor\"}"));
        assertEquals(new LiveEvent.Typing("c1", Actor.staff("maria")),
                LiveEventCodec.decode("{\"type\":\"Typing\",\"conversation\":\"c1\",\"from\":\"maria\"}"));
        assertNull(LiveEventCodec.decode("{\"type\":\"Typing\",\"conversation\":\"c1\"}"), "no sender: dropped, not guessed");
    }
}
