package dev.warren.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.testing.Hex;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class Tai64nTest {

    @Test
    void encodesTheTaiLabelSecondsAndWhitenedNanosBigEndian() {
        Tai64n t = Tai64n.of(Instant.ofEpochSecond(1, 0x12345678));
        // 2^62 + 10 + 1 seconds; nanos with the low 24 bits cleared
        assertEquals("400000000000000b12000000", Hex.encode(t.toBytes()));
        assertEquals(t, Tai64n.read(t.toBytes(), 0));
    }

    @Test
    void ordersByTimeButNotWithinTheWhiteningGranularity() {
        Instant base = Instant.ofEpochSecond(1_700_000_000L);
        Tai64n a = Tai64n.of(base);
        assertTrue(Tai64n.of(base.plusMillis(17)).isAfter(a));
        assertTrue(Tai64n.of(base.plusSeconds(1)).isAfter(Tai64n.of(base.plusMillis(999))));
        assertFalse(Tai64n.of(base.plusMillis(1)).isAfter(a), "1 ms is below the 16.8 ms whitening step");
        assertArrayEquals(a.toBytes(), Tai64n.of(base.plusNanos(5)).toBytes());
    }
}
