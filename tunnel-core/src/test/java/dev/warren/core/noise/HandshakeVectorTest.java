package dev.warren.core.noise;

import static dev.warren.core.testing.Hex.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import dev.warren.core.crypto.ChaCha20Poly1305;
import dev.warren.core.crypto.Tai64n;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Compares a whole handshake, byte for byte, with an independent Python implementation of wireguard-go's
 * algorithm (src/test/resources/dev/warren/core/noise/reference_handshake.py, which prints these constants):
 * fixed static, ephemeral and preshared keys, so every field of both messages, mac1 and the transport keys are
 * pinned.
 */
class HandshakeVectorTest {

    private static final byte[] I_STATIC = decode("402aebd83488a3c4cbdc268adfe3fc8af1fcc77f29cec8a5a976cec82ddf8b5e");
    private static final byte[] R_STATIC = decode("4007bdae69a15d9b27609df43d403d3f2c655403d28bd0663b8a662e04e9154e");
    private static final byte[] I_EPHEMERAL =
            decode("708170481779a892aa3b880ae2114b9d1a78b81842d10429241013199a5bc46b");
    private static final byte[] R_EPHEMERAL =
            decode("887b1af95b18c42ca4e674d86ca63b02aaaa201c7040f4bcd38819aa378aa157");
    private static final byte[] PSK = decode("99f7662841129b4419fc5390a6ba5721cc2493e5772afb411a0f14ad477319b4");
    private static final byte[] TIMESTAMP = decode("400000006553f1000a000000");
    private static final int I_INDEX = 0x11223344;
    private static final int R_INDEX = 0xa1b2c3d4;
    private static final byte[] INITIATION = decode("""
            010000004433221137338dc45f371dd03412807f8e0ac35223a6f01cbfcabe7c0dcb446f692c09183fe266ac59fbd2e7b0a14b
            e7f70be480b2db519b170eefeff18385e4822ca1a7eb1c7bbf163d2d4693abb086fdf075c531e862410f4e56627e3b40361b0f
            509d3b75b87bbcc8ff1f3cec1a206f98792c40093b4ed869c632233ff75d00000000000000000000000000000000""");
    private static final byte[] RESPONSE = decode("""
            02000000d4c3b2a144332211dac8b1107a05508d6282e5b89c8f0f465422ab300ae0f3445505d171b5196c74608afa2c75c3b4
            1b8b58c6385107effefb11487138a7cb34d91bf1ae097d63d400000000000000000000000000000000""");
    private static final byte[] INITIATOR_SEND_KEY =
            decode("e2f367ecf8f0bcb3b344b5e655591b6a594db03128f312ff27078a5ffca34ce1");
    private static final byte[] INITIATOR_RECEIVE_KEY =
            decode("19c3e6f4a5a88afffbf2f01302f13572775f588532be3afe218ba9a3806a5eac");
    private static final byte[] TRANSPORT = decode("""
            04000000d4c3b2a100000000000000001e09385dd24c8d2ceaa496b089c8d8a7c020e175e1689a861889fd3bde48a95d
            63d7f4af01a0efad""");

    @Test
    void handshakeAndFirstTransportPacketMatchTheReferenceByteForByte() {
        StaticIdentity initiator = StaticIdentity.of(Key.of(Key.Kind.PRIVATE, I_STATIC));
        StaticIdentity responder = StaticIdentity.of(Key.of(Key.Kind.PRIVATE, R_STATIC));
        Handshake iHs = new Handshake(initiator, responder.publicKey());
        iHs.setPresharedKey(PSK);
        Handshake rHs = new Handshake(responder, initiator.publicKey());
        rHs.setPresharedKey(PSK);

        byte[] init = iHs.createInitiation(I_INDEX, Tai64n.read(TIMESTAMP, 0), I_EPHEMERAL.clone());
        new CookieGenerator(responder.publicKey()).addMacs(init, 0);
        assertEquals(Message.INITIATION_SIZE, init.length);
        assertArrayEquals(INITIATION, init);

        assertTrue(new CookieChecker(responder.publicKey()).checkMac1(init));
        Handshake.OpenedInitiation opened = Handshake.openInitiation(responder, init);
        assertNotNull(opened);
        assertArrayEquals(initiator.publicKey(), opened.peerStatic());
        assertEquals(Handshake.InitiationVerdict.ACCEPTED, rHs.consumeInitiation(opened, 0));

        byte[] resp = rHs.createResponse(R_INDEX, R_EPHEMERAL.clone());
        new CookieGenerator(initiator.publicKey()).addMacs(resp, 0);
        assertArrayEquals(RESPONSE, resp);

        assertTrue(iHs.consumeResponse(resp));
        SessionKeys iKeys = iHs.deriveKeys();
        SessionKeys rKeys = rHs.deriveKeys();
        assertArrayEquals(INITIATOR_SEND_KEY, iKeys.sendKey());
        assertArrayEquals(INITIATOR_RECEIVE_KEY, iKeys.receiveKey());
        assertArrayEquals(INITIATOR_SEND_KEY, rKeys.receiveKey());
        assertArrayEquals(INITIATOR_RECEIVE_KEY, rKeys.sendKey());
        assertEquals(R_INDEX, iKeys.remoteIndex());
        assertEquals(I_INDEX, rKeys.remoteIndex());

        byte[] payload = "warren transport payload".getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[16 + payload.length + 16];
        Message.putInt(packet, 0, Message.TYPE_TRANSPORT);
        Message.putInt(packet, Message.TRANSPORT_RECEIVER, iKeys.remoteIndex());
        Message.putLong(packet, Message.TRANSPORT_COUNTER, 0);
        System.arraycopy(payload, 0, packet, 16, payload.length);
        ChaCha20Poly1305.seal(ChaCha20Poly1305.key(iKeys.sendKey()), 0, null, packet, 16, payload.length);
        assertArrayEquals(TRANSPORT, packet);
        assertEquals(payload.length, ChaCha20Poly1305.open(ChaCha20Poly1305.key(rKeys.receiveKey()), 0, null,
                packet, 16, packet.length - 16));
        assertArrayEquals(payload, Arrays.copyOfRange(packet, 16, 16 + payload.length));
    }
}
