package dev.warren.core.crypto;

import static dev.warren.core.testing.Hex.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChaCha20Poly1305Test {

    // RFC 8439 appendix A.5: its nonce 00000000 0102030405060708 is WireGuard's layout (zero word, then the
    // 64-bit little-endian counter 0x0807060504030201), so the vector runs through the transport API unchanged.
    private static final byte[] KEY = decode("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0");
    private static final long COUNTER = 0x0807060504030201L;
    private static final byte[] AD = decode("f33388860000000000004e91");
    private static final byte[] PLAINTEXT = decode("""
            496e7465726e65742d4472616674732061726520647261667420646f63756d656e74732076616c696420666f722061206d
            6178696d756d206f6620736978206d6f6e74687320616e64206d617920626520757064617465642c207265706c61636564
            2c206f72206f62736f6c65746564206279206f7468657220646f63756d656e747320617420616e792074696d652e204974
            20697320696e617070726f70726961746520746f2075736520496e7465726e65742d447261667473206173207265666572
            656e6365206d6174657269616c206f7220746f2063697465207468656d206f74686572207468616e206173202fe2809c77
            6f726b20696e2070726f67726573732e2fe2809d""");
    private static final byte[] SEALED = decode("""
            64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb24c6cfc18755d43eea09ee94e382d26b0
            bdb7b73c321b0100d4f03b7f355894cf332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855
            9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4b9166c767b804d46a59b5216cde7a4e9
            9040c5a40433225ee282a1b0a06c523eaf4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a
            0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a1049e617d91d361094fa68f0ff77987130
            305beaba2eda04df997b714d6c6f2c29a6ad5cb4022b02709b
            eead9d67890cbb22392336fea1851f38""");

    @Test
    void rfc8439AppendixA5SealsAndOpensInPlace() {
        byte[] buf = Arrays.copyOf(PLAINTEXT, PLAINTEXT.length + 16);
        var key = ChaCha20Poly1305.key(KEY);
        assertEquals(SEALED.length, ChaCha20Poly1305.seal(key, COUNTER, AD, buf, 0, PLAINTEXT.length));
        assertArrayEquals(SEALED, buf);
        assertEquals(PLAINTEXT.length, ChaCha20Poly1305.open(key, COUNTER, AD, buf, 0, buf.length));
        assertArrayEquals(PLAINTEXT, Arrays.copyOf(buf, PLAINTEXT.length));
    }

    @Test
    void anyFlippedBitOrWrongCounterOrAdFailsAuthentication() {
        var key = ChaCha20Poly1305.key(KEY);
        for (int bit : new int[] {0, 7, 8 * 100 + 3, 8 * (SEALED.length - 1)}) {
            byte[] tampered = SEALED.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(-1, ChaCha20Poly1305.open(key, COUNTER, AD, tampered, 0, tampered.length), "bit " + bit);
        }
        assertEquals(-1, ChaCha20Poly1305.open(key, COUNTER + 1, AD, SEALED.clone(), 0, SEALED.length));
        assertEquals(-1, ChaCha20Poly1305.open(key, COUNTER, null, SEALED.clone(), 0, SEALED.length));
        assertEquals(-1, ChaCha20Poly1305.open(key, COUNTER, AD, new byte[15], 0, 15));
        assertNull(ChaCha20Poly1305.open(KEY, COUNTER, Arrays.copyOf(SEALED, 10), AD));
    }

    @Test
    void byteBufferFormWorksAtAnOffsetAndMovesTheLimitByTheTag() {
        var key = ChaCha20Poly1305.key(KEY);
        ByteBuffer buf = ByteBuffer.allocate(16 + PLAINTEXT.length + 16);
        buf.position(16);
        buf.put(PLAINTEXT).flip().position(16);
        ChaCha20Poly1305.seal(key, 7, buf);
        assertEquals(16 + PLAINTEXT.length + 16, buf.limit());
        assertTrue(ChaCha20Poly1305.open(key, 7, buf));
        assertEquals(16 + PLAINTEXT.length, buf.limit());
        byte[] out = new byte[PLAINTEXT.length];
        buf.get(out);
        assertArrayEquals(PLAINTEXT, out);
        buf.limit(16 + PLAINTEXT.length).position(16);
        ChaCha20Poly1305.seal(key, 8, buf);
        assertFalse(ChaCha20Poly1305.open(key, 9, buf.position(16)));
    }

    @Test
    void emptyPlaintextYieldsJustATag() {
        byte[] sealed = ChaCha20Poly1305.seal(KEY, 0, new byte[0], AD);
        assertEquals(16, sealed.length);
        assertArrayEquals(new byte[0], ChaCha20Poly1305.open(KEY, 0, sealed, AD));
    }
}
