package dev.warren.core.crypto;

import static dev.warren.core.testing.Hex.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.junit.jupiter.api.Test;

class Blake2sTest {

    @Test
    void rfc7693AppendixBAbc() {
        assertArrayEquals(decode("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982"),
                Blake2s.hash("abc".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals(Blake2s.hash("abc".getBytes(StandardCharsets.US_ASCII)),
                Blake2s.hash("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * RFC 7693 appendix E: hashes keyed and unkeyed inputs of several lengths and output sizes into one grand
     * hash. Covers the keyed 16-byte mode used for mac1/mac2 through the same BouncyCastle digest.
     */
    @Test
    void rfc7693AppendixESelfTest() {
        int[] outLens = {16, 20, 28, 32};
        int[] inLens = {0, 3, 64, 65, 255, 1024};
        Blake2sDigest grand = new Blake2sDigest(256);
        byte[] in = new byte[1024];
        byte[] key = new byte[32];
        for (int outLen : outLens) {
            for (int inLen : inLens) {
                sequence(in, inLen, inLen);
                byte[] md = new byte[outLen];
                Blake2sDigest d = new Blake2sDigest(outLen * 8);
                d.update(in, 0, inLen);
                d.doFinal(md, 0);
                grand.update(md, 0, outLen);

                sequence(key, outLen, outLen);
                byte[] keyed = new byte[outLen];
                Blake2sDigest k = new Blake2sDigest(java.util.Arrays.copyOf(key, outLen), outLen, null, null);
                k.update(in, 0, inLen);
                k.doFinal(keyed, 0);
                grand.update(keyed, 0, outLen);
            }
        }
        byte[] result = new byte[32];
        grand.doFinal(result, 0);
        assertArrayEquals(decode("6a411f08ce25adcdfb02aba641451cec53c598b24f4fc787fbdc88797f4c1dfe"), result);
    }

    @Test
    void keyedMacIsSixteenBytesAndDependsOnTheKey() {
        byte[] data = "mac1".getBytes(StandardCharsets.US_ASCII);
        byte[] a = Blake2s.mac(new byte[32], data);
        byte[] key = new byte[32];
        key[0] = 1;
        byte[] b = Blake2s.mac(key, data);
        assertEquals(16, a.length);
        assertEquals(false, java.util.Arrays.equals(a, b));
        byte[] into = new byte[20];
        Blake2s.mac(key, data, 0, data.length, into, 4);
        assertArrayEquals(b, java.util.Arrays.copyOfRange(into, 4, 20));
    }

    @Test
    void hkdfFollowsTheWhitepaperDefinition() {
        byte[] ck = Blake2s.hash("chain".getBytes(StandardCharsets.US_ASCII));
        byte[] input = "input".getBytes(StandardCharsets.US_ASCII);
        byte[][] three = Hkdf.derive(ck, input, 3);
        // τ0 = HMAC(ck, input); τ1 = HMAC(τ0, 0x1); τ2 = HMAC(τ0, τ1 || 0x2); τ3 = HMAC(τ0, τ2 || 0x3)
        byte[] t0 = HmacBlake2s.mac(ck, input);
        byte[] t1 = HmacBlake2s.mac(t0, new byte[] {1});
        byte[] t2 = HmacBlake2s.mac(t0, concat(t1, (byte) 2));
        byte[] t3 = HmacBlake2s.mac(t0, concat(t2, (byte) 3));
        assertArrayEquals(t1, three[0]);
        assertArrayEquals(t2, three[1]);
        assertArrayEquals(t3, three[2]);
        assertArrayEquals(t1, Hkdf.derive(ck, input, 1)[0]);
        assertThrows(IllegalArgumentException.class, () -> Hkdf.derive(ck, input, 4));
    }

    @Test
    void hmacMatchesRfc2104OverBlake2sWithItsSixtyFourByteBlock() {
        byte[] key = "key".getBytes(StandardCharsets.US_ASCII);
        byte[] msg = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        byte[] expected = Blake2s.hash(opad, Blake2s.hash(ipad, msg));
        assertArrayEquals(expected, HmacBlake2s.mac(key, msg));
    }

    private static byte[] concat(byte[] a, byte b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b;
        return out;
    }

    /** RFC 7693 appendix E's deterministic input generator (a Fibonacci-style sequence). */
    private static void sequence(byte[] out, int len, int seed) {
        int a = 0xDEAD4BAD * seed;
        int b = 1;
        for (int i = 0; i < len; i++) {
            int t = a + b;
            a = b;
            b = t;
            out[i] = (byte) (t >>> 24);
        }
    }
}
