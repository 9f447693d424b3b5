package dev.warren.app.ui.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteCountTest {

    @Test
    void bytesBelowOneKibibyteAreWhole() {
        assertEquals("0 B", ByteCount.format(0));
        assertEquals("1023 B", ByteCount.format(1023));
    }

    @Test
    void largerCountsUseBinaryUnitsWithTwoDecimals() {
        assertEquals("1.00 KiB", ByteCount.format(1024));
        assertEquals("1.50 KiB", ByteCount.format(1536));
        assertEquals("1.00 MiB", ByteCount.format(1L << 20));
        assertEquals("3.25 GiB", ByteCount.format((long) (3.25 * (1L << 30))));
        assertEquals("2048.00 TiB", ByteCount.format(1L << 51));
    }

    @Test
    void ratesRoundToWholeBytes() {
        assertEquals("12 B/s", ByteCount.perSecond(11.6));
        assertEquals("0 B/s", ByteCount.perSecond(-3));
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ByteCount.format(-1));
    }
}
