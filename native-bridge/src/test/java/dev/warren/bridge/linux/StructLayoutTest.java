package dev.warren.bridge.linux;

import com.sun.jna.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The JNA layouts against the sizes and offsets of the C headers on 64-bit Linux (x86_64, aarch64). */
class StructLayoutTest {

    @BeforeAll
    static void linux64() {
        assumeTrue(Platform.isLinux() && Platform.is64Bit(), "layouts are checked for 64-bit Linux");
    }

    @Test
    void ifreq() {
        assertEquals(40, IfReq.SIZE);
        assertEquals(16, IfReq.IFRU_OFFSET);
        assertEquals(24, new IfReq.Ifru().size());
    }

    @Test
    void socketAddresses() {
        assertEquals(16, SockaddrIn.SIZE);
        assertEquals(2, SockaddrIn.PORT_OFFSET);
        assertEquals(4, SockaddrIn.ADDR_OFFSET);
        assertEquals(28, SockaddrIn6.SIZE);
        assertEquals(2, SockaddrIn6.PORT_OFFSET);
        assertEquals(8, SockaddrIn6.ADDR_OFFSET);
        assertEquals(24, SockaddrIn6.SCOPE_OFFSET);
    }

    @Test
    void pollfd() {
        assertEquals(8, PollFd.SIZE);
        assertEquals(4, PollFd.EVENTS_OFFSET);
        assertEquals(6, PollFd.REVENTS_OFFSET);
    }

    @Test
    void rtnetlinkHeaders() {
        assertEquals(16, Rtnetlink.NlMsgHdr.SIZE);
        assertEquals(16, Rtnetlink.IfInfoMsg.SIZE);
        assertEquals(8, Rtnetlink.IfAddrMsg.SIZE);
        assertEquals(12, Rtnetlink.RtMsg.SIZE);
        assertEquals(12, Rtnetlink.FibRuleHdr.SIZE);
        assertEquals(12, new Rtnetlink.SockaddrNl().size());
    }
}
