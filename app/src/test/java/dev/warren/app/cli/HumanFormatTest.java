package dev.warren.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HumanFormatTest {

    @Test
    void bytesInBinaryUnitsLikeWg() {
        assertEquals("0 B", HumanFormat.bytes(0));
        assertEquals("1023 B", HumanFormat.bytes(1023));
        assertEquals("3.40 KiB", HumanFormat.bytes(3482));
        assertEquals("1.21 MiB", HumanFormat.bytes(1_268_777));
        assertEquals("2.00 GiB", HumanFormat.bytes(2L << 30));
        assertEquals("1.21 MiB received, 3.40 KiB sent", HumanFormat.transfer(1_268_777, 3482));
    }

    @Test
    void handshakeAgeLikeWg() {
        long now = 1_800_000_000_000L;
        assertEquals("1 minute, 3 seconds ago", HumanFormat.ago(now - 63_000, now));
        assertEquals("2 hours, 1 second ago", HumanFormat.ago(now - 7_201_000, now));
        assertEquals("1 day ago", HumanFormat.ago(now - 86_400_000, now));
        assertEquals("Now", HumanFormat.ago(now - 400, now));
        assertEquals("(none)", HumanFormat.ago(0, now));
        assertEquals("every 25 seconds", HumanFormat.keepalive(25));
    }
}
