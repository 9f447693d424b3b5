package dev.warren.core.device;

import static dev.warren.core.device.Quiesce.settle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.warren.core.noise.CookieGenerator;
import dev.warren.core.noise.Message;
import dev.warren.core.testing.DevicePair;
import dev.warren.core.testing.InMemoryNetwork.Datagram;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each message type, altered, cut short or lengthened, is dropped for the right reason and counted, and the
 * tunnel keeps working.
 */
class DeviceHostileInputTest {

    private DevicePair pair;
    private Datagram initiation;
    private Datagram response;
    private Datagram transport;

    @BeforeEach
    void establish() throws Exception {
        pair = new DevicePair();
        assertNotNull(pair.roundTripAtoB(100, 0));
        settle(pair);
        initiation = first(Message.TYPE_INITIATION);
        response = first(Message.TYPE_RESPONSE);
        transport = pair.network.log().stream()
                .filter(d -> d.type() == Message.TYPE_TRANSPORT && d.data().length > Message.KEEPALIVE_SIZE)
                .findFirst().orElseThrow();
    }

    @AfterEach
    void close() throws Exception {
        pair.close();
    }

    private Datagram first(int type) {
        return pair.network.log().stream().filter(d -> d.type() == type).findFirst().orElseThrow();
    }

    private void inject(Datagram d, Function<byte[], byte[]> change) {
        pair.network.inject(d.from(), d.to(), change.apply(d.data().clone()));
    }

    private static byte[] flip(byte[] b, int index) {
        b[index] ^= 0x20;
        return b;
    }

    private void expectDrop(Device device, Drop reason, long count) {
        settle(pair);
        assertEquals(count, device.dropped(reason), reason.name());
    }

    private void assertTunnelStillWorks() throws Exception {
        assertArrayEquals(pair.sendAtoB(120, 9), pair.tunB.poll(10_000));
        assertArrayEquals(pair.sendBtoA(130, 9), pair.tunA.poll(10_000));
    }

    @Test
    void initiationVariants() throws Exception {
        inject(initiation, b -> flip(b, 50));
        expectDrop(pair.b, Drop.INVALID_MAC1, 1);
        inject(initiation, b -> {
            flip(b, 50);
            new CookieGenerator(pair.b.publicKey().bytes()).addMacs(b, 0);
            return b;
        });
        expectDrop(pair.b, Drop.HANDSHAKE_INVALID, 1);
        inject(initiation, b -> Arrays.copyOf(b, b.length - 1));
        inject(initiation, b -> Arrays.copyOf(b, b.length + 1));
        expectDrop(pair.b, Drop.WRONG_SIZE, 2);
        inject(initiation, b -> b);
        expectDrop(pair.b, Drop.HANDSHAKE_REPLAY, 1);
        assertNull(pair.tunB.poll(0));
        assertTunnelStillWorks();
    }

    @Test
    void responseVariants() throws Exception {
        inject(response, b -> flip(b, 20));
        expectDrop(pair.a, Drop.INVALID_MAC1, 1);
        inject(response, b -> Arrays.copyOf(b, b.length - 1));
        inject(response, b -> Arrays.copyOf(b, b.length + 1));
        expectDrop(pair.a, Drop.WRONG_SIZE, 2);
        inject(response, b -> b);
        expectDrop(pair.a, Drop.HANDSHAKE_INVALID, 1);
        assertTunnelStillWorks();
    }

    @Test
    void cookieReplyVariants() throws Exception {
        // A cookie reply addressed to a's current handshake index, but not made by b.
        pair.network.setFilter(d -> false);
        pair.peerBOnA.expireCurrentKeypairs();
        pair.sendAtoB(100, 1);
        settle(pair);
        int index = pair.peerBOnA.handshake().localIndex();
        byte[] reply = new byte[Message.COOKIE_REPLY_SIZE];
        Message.putInt(reply, 0, Message.TYPE_COOKIE_REPLY);
        Message.putInt(reply, Message.COOKIE_REPLY_RECEIVER, index);
        Datagram forged = new Datagram(response.from(), response.to(), reply);
        inject(forged, b -> b);
        expectDrop(pair.a, Drop.COOKIE_REPLY_INVALID, 1);
        inject(forged, b -> Arrays.copyOf(b, 63));
        inject(forged, b -> Arrays.copyOf(b, 65));
        expectDrop(pair.a, Drop.WRONG_SIZE, 2);
        pair.network.setFilter(d -> true);
        // A new initiation needs a newer TAI64N timestamp than the last one b accepted.
        pair.clock.advance(java.time.Duration.ofSeconds(1));
        pair.peerBOnA.expireCurrentKeypairs();
        byte[] second = pair.sendAtoB(120, 9);
        assertEquals(100, pair.tunB.poll(10_000).length, "the packet staged while b was unreachable goes first");
        assertArrayEquals(second, pair.tunB.poll(10_000));
        assertArrayEquals(pair.sendBtoA(130, 9), pair.tunA.poll(10_000));
    }

    @Test
    void transportVariants() throws Exception {
        inject(transport, b -> flip(b, 40));
        expectDrop(pair.b, Drop.DECRYPTION_FAILED, 1);
        inject(transport, b -> Arrays.copyOf(b, b.length - 1));
        inject(transport, b -> Arrays.copyOf(b, b.length + 16));
        expectDrop(pair.b, Drop.DECRYPTION_FAILED, 3);
        inject(transport, b -> Arrays.copyOf(b, Message.KEEPALIVE_SIZE - 1));
        expectDrop(pair.b, Drop.MALFORMED, 1);
        inject(transport, b -> flip(b, Message.TRANSPORT_RECEIVER));
        expectDrop(pair.b, Drop.UNKNOWN_RECEIVER, 1);
        inject(transport, b -> {
            b[0] = 9;
            return b;
        });
        expectDrop(pair.b, Drop.MALFORMED, 2);
        assertNull(pair.tunB.poll(0));
        assertTunnelStillWorks();
    }
}
