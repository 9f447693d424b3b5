package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.core.config.Key;
import dev.warren.core.device.DeviceEvent;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DeviceEventLogTest {

    @Test
    void eventsNamePeersShortlyAndNeverByTheirWholeKey() {
        Key peer = Key.fromBase64(Key.Kind.PUBLIC, "fxr1q6E21zMI7Eg8WasZHO7viwilV56/Wm8VieMvDFI=");
        assertEquals("peer(fxr1…vDFI): handshake completed",
                DeviceEventLog.describe(new DeviceEvent.HandshakeCompleted(peer, true)));
        assertEquals("peer(fxr1…vDFI): sending handshake initiation (attempt 3)",
                DeviceEventLog.describe(new DeviceEvent.HandshakeInitiated(peer, 3)));
        assertEquals("peer(fxr1…vDFI): endpoint changed from 192.0.2.1:51820 to [2001:db8::1]:4500",
                DeviceEventLog.describe(new DeviceEvent.PeerRoamed(peer, new InetSocketAddress("192.0.2.1", 51820),
                        new InetSocketAddress("2001:db8::1", 4500))));
        assertEquals("error: reading from TUN device wg0 failed: gone",
                DeviceEventLog.describe(new DeviceEvent.Error(null, "reading from TUN device wg0 failed: gone")));
    }
}
