package dev.warren.core.device;

import static dev.warren.core.device.Quiesce.settle;
import static dev.warren.core.testing.DevicePair.await;
import static dev.warren.core.testing.DevicePair.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import dev.warren.core.crypto.Tai64n;
import dev.warren.core.noise.CookieGenerator;
import dev.warren.core.noise.Handshake;
import dev.warren.core.noise.Message;
import dev.warren.core.noise.StaticIdentity;
import dev.warren.core.testing.DevicePair;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whitepaper §5.3: a flood of initiations with valid mac1 puts the device under load; it then answers handshake
 * messages without a valid mac2 with cookie replies instead of doing Diffie-Hellman, and an initiator that
 * returns with the cookie in mac2 still completes.
 */
class DeviceUnderLoadTest {

    private static final InetSocketAddress ATTACKER = new InetSocketAddress("198.51.100.66", 666);

    private static List<byte[]> forgedInitiations(Key victim, int distinct) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            Handshake hs = new Handshake(StaticIdentity.of(Key.generatePrivate()), victim.bytes());
            byte[] msg = hs.createInitiation(i + 1, Tai64n.of(Instant.now()));
            new CookieGenerator(victim.bytes()).addMacs(msg, 0);
            out.add(msg);
        }
        return out;
    }

    private static void flood(DevicePair pair, List<byte[]> initiations, int total) {
        InetSocketAddress victim = new InetSocketAddress("192.0.2.2", 51820);
        for (int i = 0; i < total; i++) {
            pair.network.inject(ATTACKER, victim, initiations.get(i % initiations.size()));
        }
        await("flood drained", () -> pair.network.undelivered() == 0 && pair.b.handshakeQueue.isEmpty());
    }

    private static long cookieRepliesTo(DevicePair pair, InetSocketAddress to) {
        return pair.network.log().stream()
                .filter(d -> d.type() == Message.TYPE_COOKIE_REPLY && d.to().equals(to)).count();
    }

    @Test
    void floodGetsCookieRepliesAndAPeerPresentingMac2StillCompletes() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            List<byte[]> forged = forgedInitiations(pair.b.publicKey(), 32);
            flood(pair, forged, 3000);
            assertTrue(pair.b.dropped(Drop.UNDER_LOAD) > 0, "the flood put b under load");
            assertTrue(cookieRepliesTo(pair, ATTACKER) > 0, "the flood was answered with cookie replies");
            assertEquals(0, pair.network.log().stream().filter(d -> d.type() == Message.TYPE_RESPONSE).count(),
                    "no forged initiation got a response");
            assertTrue(pair.b.isUnderLoad());

            // a's first initiation has no mac2: b answers with a cookie, a keeps it.
            InetSocketAddress aAddress = new InetSocketAddress("192.0.2.1", pair.a.listenPort());
            pair.sendAtoB(100, 1);
            settle(pair);
            assertEquals(1, cookieRepliesTo(pair, aAddress));
            assertEquals(0, count(pair.eventsA, DeviceEvent.HandshakeCompleted.class));
            assertEquals(0, pair.a.dropped(Drop.COOKIE_REPLY_INVALID), "a accepted the cookie");

            // Just before a retries, the flood starts again: b is under load when the retry arrives.
            pair.clock.advance(Duration.ofMillis(4900));
            settle(pair);
            long underLoadBefore = pair.b.dropped(Drop.UNDER_LOAD);
            flood(pair, forged, 3000);
            assertTrue(pair.b.dropped(Drop.UNDER_LOAD) > underLoadBefore);
            assertTrue(pair.b.isUnderLoad());
            pair.clock.advance(Duration.ofMillis(500));
            byte[] got = pair.tunB.poll(10_000);
            assertEquals(100, got.length, "the staged packet went through once the handshake completed");
            assertEquals(1, count(pair.eventsA, DeviceEvent.HandshakeCompleted.class));
            assertEquals(1, cookieRepliesTo(pair, aAddress), "the retry carried a valid mac2");
            assertArrayEquals(pair.sendBtoA(90, 2), pair.tunA.poll(10_000));
        }
    }
}
