package org.hearthhub.util;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Overlapping reads answered out of order, and a save between: what began last is what is known. */
class NewestKnownTest {
    @Test
    void aReadAnsweredLateNeverPutsBackWhatALaterReadOrASaveReplaced() {
        NewestKnown<String> known = new NewestKnown<>(null);
        assertNull(known.get());

        long first = known.begin();
        long second = known.begin();
        assertEquals("second read", known.keep("second read", second));
        assertEquals("second read", known.keep("first read", first), "begun earlier, answered later: not kept");

        long third = known.begin();
        assertEquals("saved", known.saved("saved"));
        assertEquals("saved", known.keep("third read", third), "begun before the save was taken: not kept");
        assertEquals("fourth read", known.keep("fourth read", known.begin()), "begun after it: kept");
        assertEquals("fourth read", known.get());
    }
}
