package dev.warren.core.device;

import static dev.warren.core.device.Quiesce.advance;
import static dev.warren.core.device.Quiesce.settle;
import static dev.warren.core.testing.DevicePair.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.noise.Message;
import dev.warren.core.testing.DevicePair;
import dev.warren.core.testing.InMemoryNetwork.Datagram;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The timers of whitepaper §6, driven by the fake clock. */
class DeviceTimersTest {

    private static final Duration SEC = Duration.ofSeconds(1);
    private static final Duration TENTH = Duration.ofMillis(100);

    /** Handshake plus one packet a→b, then let b's keepalive answer arrive. */
    private static void establish(DevicePair pair) throws Exception {
        assertNotNull(pair.roundTripAtoB(100, 0));
        settle(pair);
    }

    private static long transportsFrom(DevicePair pair, int port, int size) {
        return pair.network.log().stream().filter(d -> d.type() == Message.TYPE_TRANSPORT
                && d.from().getPort() == port && (size < 0 || d.data().length == size)).count();
    }

    @Test
    void initiatorRekeysOnSendAfterRekeyAfterTime() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            establish(pair);
            advance(pair, Duration.ofSeconds(119), SEC);
            assertNotNull(pair.roundTripAtoB(100, 1));
            settle(pair);
            assertEquals(1, count(pair.eventsA, DeviceEvent.HandshakeInitiated.class), "no rekey before 120 s");
            advance(pair, Duration.ofSeconds(2), SEC);
            assertNotNull(pair.roundTripAtoB(100, 2));
            settle(pair);
            assertEquals(2, count(pair.eventsA, DeviceEvent.HandshakeInitiated.class), "rekey after 120 s");
            assertEquals(2, count(pair.eventsA, DeviceEvent.HandshakeCompleted.class));
            assertEquals(0, count(pair.eventsB, DeviceEvent.HandshakeInitiated.class), "only the initiator rekeys");
        }
    }

    @Test
    void transportIsRefusedAfterRejectAfterTime() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            establish(pair);
            Keypair used = pair.peerBOnA.keypairs.current();
            // From now on nothing reaches b: two packets are captured for late delivery.
            pair.network.setFilter(d -> false);
            pair.network.clearLog();
            pair.sendAtoB(100, 1);
            pair.sendAtoB(101, 2);
            settle(pair);
            List<Datagram> captured = pair.network.log().stream().filter(d -> d.type() == 4).toList();
            assertEquals(2, captured.size());

            advance(pair, Duration.ofSeconds(170), SEC);
            pair.network.inject(captured.get(0).from(), captured.get(0).to(), captured.get(0).data());
            assertEquals(100, pair.tunB.poll(10_000).length, "still accepted before 180 s");
            advance(pair, Duration.ofSeconds(11), SEC);
            pair.network.inject(captured.get(1).from(), captured.get(1).to(), captured.get(1).data());
            settle(pair);
            assertNull(pair.tunB.poll(50));
            assertEquals(1, pair.b.dropped(Drop.KEYPAIR_EXPIRED));

            // The sender no longer encrypts with it either: a new packet waits for a new handshake.
            pair.network.clearLog();
            pair.sendAtoB(100, 3);
            settle(pair);
            assertEquals(0, transportsFrom(pair, pair.a.listenPort(), -1));
            assertTrue(pair.network.log().stream().anyMatch(d -> d.type() == Message.TYPE_INITIATION));
            assertTrue(used.isExpired(pair.clock.nanoTime()));
        }
    }

    @Test
    void initiationIsRetriedEveryRekeyTimeoutAndAbandonedAfterRekeyAttemptTime() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            List<Long> sentAt = new CopyOnWriteArrayList<>();
            pair.network.setFilter(d -> {
                if (d.type() == Message.TYPE_INITIATION) {
                    sentAt.add(pair.clock.elapsed().toMillis());
                }
                return false;
            });
            pair.sendAtoB(100, 1);
            settle(pair);
            advance(pair, Duration.ofSeconds(130), TENTH);

            // wireguard-go: the first initiation and MAX_TIMER_HANDSHAKES + 1 retries, then it gives up.
            assertEquals(Constants.MAX_TIMER_HANDSHAKES + 2, sentAt.size(), sentAt.toString());
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < sentAt.size(); i++) {
                gaps.add(sentAt.get(i) - sentAt.get(i - 1));
            }
            for (long gap : gaps) {
                assertTrue(gap >= 5000 && gap <= 5000 + 334 + 100, "retry gap " + gap + " ms in " + gaps);
            }
            assertTrue(sentAt.getLast() - sentAt.getFirst() >= Constants.REKEY_ATTEMPT_TIME / 1_000_000,
                    "kept trying for REKEY_ATTEMPT_TIME");
            assertEquals(1, count(pair.eventsA, DeviceEvent.HandshakeGaveUp.class));
            assertEquals(1, pair.a.dropped(Drop.NO_KEYPAIR), "the staged packet is dropped on giving up");
        }
    }

    @Test
    void oneWayDataIsAnsweredWithAKeepaliveAfterKeepaliveTimeout() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            establish(pair);
            advance(pair, Duration.ofSeconds(11), SEC);
            pair.network.clearLog();
            int bPort = pair.b.listenPort();
            pair.sendAtoB(100, 1);
            assertNotNull(pair.tunB.poll(10_000));
            settle(pair);
            advance(pair, Duration.ofMillis(9900), TENTH);
            assertEquals(0, transportsFrom(pair, bPort, -1), "b stays silent before KEEPALIVE_TIMEOUT");
            advance(pair, Duration.ofMillis(200), TENTH);
            assertEquals(1, transportsFrom(pair, bPort, Message.KEEPALIVE_SIZE), "b's keepalive at 10 s");
            advance(pair, Duration.ofSeconds(30), SEC);
            assertEquals(1, transportsFrom(pair, bPort, -1), "and only one");
        }
    }

    @Test
    void persistentKeepaliveIsSentAtItsInterval() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            establish(pair);
            advance(pair, Duration.ofSeconds(11), SEC);
            pair.network.clearLog();
            int aPort = pair.a.listenPort();
            pair.peerBOnA.setPersistentKeepalive(25);
            settle(pair);
            assertEquals(1, transportsFrom(pair, aPort, Message.KEEPALIVE_SIZE), "one at once when turned on");
            // Keepalives fall due every 25 s after the first; look 100 ms either side of each.
            advance(pair, Duration.ofMillis(24_900), SEC);
            for (int i = 2; i <= 4; i++) {
                assertEquals(i - 1, transportsFrom(pair, aPort, Message.KEEPALIVE_SIZE), "none early");
                advance(pair, Duration.ofMillis(200), TENTH);
                assertEquals(i, transportsFrom(pair, aPort, Message.KEEPALIVE_SIZE), "keepalive " + i + " at 25 s");
                advance(pair, Duration.ofMillis(24_800), SEC);
            }
            pair.peerBOnA.setPersistentKeepalive(0);
            advance(pair, Duration.ofSeconds(60), SEC);
            assertEquals(4, transportsFrom(pair, aPort, Message.KEEPALIVE_SIZE), "off means off");
        }
    }

    @Test
    void keysAreZeroedAfterThreeTimesRejectAfterTime() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            establish(pair);
            Keypair kp = pair.peerBOnA.keypairs.current();
            advance(pair, Duration.ofSeconds(539), Duration.ofSeconds(5));
            assertTrue(pair.peerBOnA.hasCurrentKeypair());
            assertFalse(kp.sendKey.isDestroyed());
            advance(pair, Duration.ofSeconds(2), SEC);
            assertFalse(pair.peerBOnA.hasCurrentKeypair());
            assertFalse(pair.peerAOnB.hasCurrentKeypair());
            assertTrue(kp.sendKey.isDestroyed() && kp.receiveKey.isDestroyed(), "key bytes wiped");
            assertNull(pair.a.indices.lookup(kp.localIndex), "index released");
            assertEquals(1, count(pair.eventsA, DeviceEvent.KeysZeroed.class));

            byte[] again = pair.sendAtoB(100, 9);
            assertArrayEquals(again, pair.tunB.poll(10_000), "a fresh handshake restores traffic");
        }
    }
}
