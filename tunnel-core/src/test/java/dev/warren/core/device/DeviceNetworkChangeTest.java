package dev.warren.core.device;

import static dev.warren.core.testing.DevicePair.await;
import static dev.warren.core.testing.DevicePair.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import dev.warren.core.noise.Handshake;
import dev.warren.core.noise.Message;
import dev.warren.core.testing.DevicePair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's side of issue 10: MTU updates and forced handshakes. */
class DeviceNetworkChangeTest {

    /** The wire size of every transport message a sent so far. */
    private static List<Integer> transportSizes(DevicePair pair) {
        return pair.network.log().stream().filter(d -> d.type() == Message.TYPE_TRANSPORT)
                .map(d -> d.data().length).toList();
    }

    @Test
    void paddingFollowsAnMtuChangeFromTheNextPacket() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            assertEquals(DevicePair.MTU, pair.a.mtu(), "read from the TUN device at up()");
            pair.roundTripAtoB(1277, 1);
            pair.network.clearLog();
            assertArrayEquals(pair.sendAtoB(1277, 2), pair.tunB.poll(10_000));
            // 16 header + plaintext padded to a multiple of 16 (1280) + 16 tag.
            assertEquals(List.of(32 + 1280), transportSizes(pair));

            pair.a.setMtu(1278);
            pair.network.clearLog();
            assertArrayEquals(pair.sendAtoB(1277, 3), pair.tunB.poll(10_000));
            assertEquals(List.of(32 + 1278), transportSizes(pair), "capped by the new MTU at once");
            assertEquals(1278, pair.a.mtu());
            assertThrows(IllegalArgumentException.class, () -> pair.a.setMtu(65536));
        }
    }

    @Test
    void aForcedHandshakeSkipsRekeyTimeoutButNotTheFloodLimit() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.roundTripAtoB(100, 1);
            assertEquals(1, count(pair.eventsA, DeviceEvent.HandshakeCompleted.class));
            // Well inside REKEY_TIMEOUT, when the timers' own initiations would still be held back.
            pair.clock.advance(Duration.ofSeconds(1));

            assertTrue(pair.peerBOnA.initiateHandshakeNow());
            await("the forced handshake completes",
                    () -> count(pair.eventsA, DeviceEvent.HandshakeCompleted.class) == 2);
            assertFalse(pair.peerBOnA.initiateHandshakeNow(), "no second initiation within the flood limit");
            pair.clock.advance(Duration.ofNanos(Handshake.INITIATION_MIN_INTERVAL_NANOS + 1_000_000));
            assertTrue(pair.peerBOnA.initiateHandshakeNow(), "allowed again once the flood limit has passed");
            await("the second forced handshake completes",
                    () -> count(pair.eventsA, DeviceEvent.HandshakeCompleted.class) == 3);
            List<DeviceEvent> initiations = pair.eventsA.stream()
                    .filter(e -> e instanceof DeviceEvent.HandshakeInitiated).toList();
            assertEquals(3, initiations.size());
            initiations.forEach(e -> assertEquals(1, ((DeviceEvent.HandshakeInitiated) e).attempt(),
                    "each forced handshake starts a new attempt series"));
            assertArrayEquals(pair.sendAtoB(200, 2), pair.tunB.poll(10_000), "data flows on the new session");

            pair.clock.advance(Duration.ofSeconds(1));
            assertFalse(pair.a.addPeer(Key.generatePrivate().publicKey()).initiateHandshakeNow(), "no endpoint");
            pair.a.down();
            assertFalse(pair.peerBOnA.initiateHandshakeNow(), "nothing is sent while the device is down");
        }
    }
}
