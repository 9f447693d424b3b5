package dev.warren.app.interop;

import dev.warren.app.interop.Lab.Impl;
import dev.warren.app.interop.Lab.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code warren userspace} on both sides, configured with {@code wg} like any other implementation. */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WarrenToWarrenTest {

    private Lab lab;
    private Node a;
    private Node b;

    @BeforeAll
    void startBoth() throws Exception {
        lab = Lab.create(1500);
        a = lab.start('a', Impl.WARREN);
        b = lab.start('b', Impl.WARREN);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void handshakeFromEachSideAndPingV4AndV6() throws Exception {
        Lab.pair(a, b, true, false, false);
        Lab.ping(a, b.inner4(), 2);
        assertEquals("10.99.0.1:" + a.port(), b.peerRow(a)[2], "b learned a's endpoint from a's handshake");
        Lab.unpair(a, b);
        Lab.pair(a, b, false, true, true);
        Lab.ping(b, a.inner6(), 2);
        assertEquals("[fd99::2]:" + b.port(), a.peerRow(b)[2], "a learned b's IPv6 endpoint from b's handshake");
        Lab.ping(a, b.inner4(), 2);
        assertTrue(a.latestHandshake(b) > 0 && b.latestHandshake(a) > 0);
    }

    @Test
    void bulkTransferBothWays() throws Exception {
        Lab.unpair(a, b);
        Lab.pair(a, b, true, true, false);
        assertTrue(Traffic.tcpReceivedMbits(Traffic.iperf(lab, lab.a, lab.b, b.inner4(), false, false, 3)) > 0);
        assertTrue(Traffic.tcpReceivedMbits(Traffic.iperf(lab, lab.a, lab.b, b.inner4(), false, true, 3)) > 0);
        Traffic.checkedTransfer(lab.a, lab.b, b.inner4(), 16 << 20);
        Traffic.checkedTransfer(lab.b, lab.a, a.inner6(), 16 << 20);
    }
}
