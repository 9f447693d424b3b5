package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The arithmetic; the route lookups it starts from are exercised against real routes in EngineTunnelNetnsTest. */
class AutoMtuTest {

    @Test
    void uplinkMinusEightyWithAFloorPerFamily() {
        assertEquals(1420, AutoMtu.fromUplink(1500, false));
        assertEquals(8920, AutoMtu.fromUplink(9000, true));
        assertEquals(576, AutoMtu.fromUplink(600, false));
        assertEquals(1280, AutoMtu.fromUplink(600, true));
    }
}
