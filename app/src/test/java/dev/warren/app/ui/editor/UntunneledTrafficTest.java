package dev.warren.app.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UntunneledTrafficTest {

    private static final String HEAD = "[Interface]\nAddress = 10.0.0.2/32\n\n[Peer]\n";

    @Test
    void fullRoutesMeanBlockingAndSplitIntoHalvesWhenTurnedOff() {
        String text = HEAD + "AllowedIPs = 0.0.0.0/0, ::/0 # everything\n";
        assertEquals(Optional.of(true), UntunneledTraffic.state(text));
        String off = UntunneledTraffic.set(text, false);
        assertEquals(HEAD + "AllowedIPs = 0.0.0.0/1, 128.0.0.0/1, ::/1, 8000::/1 # everything\n", off);
        assertEquals(Optional.of(false), UntunneledTraffic.state(off));
        assertEquals(text, UntunneledTraffic.set(off, true));
    }

    @Test
    void halvesAcrossSeveralLinesAreJoinedBack() {
        String text = HEAD + "AllowedIPs = 10.9.0.0/16, 0.0.0.0/1\nAllowedIPs = 128.0.0.0/1\n";
        assertEquals(Optional.of(false), UntunneledTraffic.state(text));
        assertEquals(HEAD + "AllowedIPs = 10.9.0.0/16, 0.0.0.0/0\n", UntunneledTraffic.set(text, true));
    }

    @Test
    void doesNotApplyToSplitTunnelsOrSeveralPeers() {
        assertEquals(Optional.empty(), UntunneledTraffic.state(HEAD + "AllowedIPs = 10.0.0.0/8\n"));
        String twoPeers = HEAD + "AllowedIPs = 0.0.0.0/0\n[Peer]\nAllowedIPs = 10.1.0.0/16\n";
        assertEquals(Optional.empty(), UntunneledTraffic.state(twoPeers));
        assertEquals(twoPeers, UntunneledTraffic.set(twoPeers, false));
    }
}
