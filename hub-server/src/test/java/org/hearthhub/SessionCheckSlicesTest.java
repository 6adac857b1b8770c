package org.hearthhub;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The periodic console session checks come a slice at a time: at most one tick every 100 ms and at most
 * 50 slices, so the default period of 5 s checks a fiftieth of the consoles every 100 ms, and a short
 * period (tests) still checks every console once a period.
 */
class SessionCheckSlicesTest {
    @Test
    void theDefaultPeriodIsFiftySlicesOfATenthOfASecond() {
        assertEquals(50, MaintenanceVerticle.sessionSlices(Hub.Tuning.SESSION_CHECK_MILLIS));
        assertEquals(100, Hub.Tuning.SESSION_CHECK_MILLIS / MaintenanceVerticle.sessionSlices(Hub.Tuning.SESSION_CHECK_MILLIS));
    }

    @Test
    void aShortPeriodIsOneSliceAndALongOneStillFifty() {
        assertEquals(1, MaintenanceVerticle.sessionSlices(1));
        assertEquals(1, MaintenanceVerticle.sessionSlices(199));
        assertEquals(2, MaintenanceVerticle.sessionSlices(250));
        assertEquals(50, MaintenanceVerticle.sessionSlices(3_600_000));
    }
}
