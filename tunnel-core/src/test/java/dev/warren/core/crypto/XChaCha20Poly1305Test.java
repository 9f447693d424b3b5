package dev.warren.core.crypto;

import static dev.warren.core.testing.Hex.decode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XChaCha20Poly1305Test {

    // draft-irtf-cfrg-xchacha-03, appendix A.3.1
    private static final byte[] KEY = decode("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    private static final byte[] NONCE = decode("404142434445464748494a4b4c4d4e4f5051525354555657");
    private static final byte[] AD = decode("50515253c0c1c2c3c4c5c6c7");
    private static final byte[] PLAINTEXT = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip"
            + " for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SEALED = decode("""
            bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb
            731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452
            2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9
            21f9664c97637da9768812f615c68b13b52e
            c0875924c1c7987947deafd8780acf49""");

    @Test
    void draftVectorSealsAndOpens() {
        assertArrayEquals(SEALED, XChaCha20Poly1305.seal(KEY, NONCE, PLAINTEXT, AD));
        assertArrayEquals(PLAINTEXT, XChaCha20Poly1305.open(KEY, NONCE, SEALED, AD));
    }

    @Test
    void tamperedCiphertextNonceOrAdIsRejected() {
        byte[] t = SEALED.clone();
        t[3] ^= 1;
        assertNull(XChaCha20Poly1305.open(KEY, NONCE, t, AD));
        byte[] n = NONCE.clone();
        n[23] ^= 1;
        assertNull(XChaCha20Poly1305.open(KEY, n, SEALED, AD));
        assertNull(XChaCha20Poly1305.open(KEY, NONCE, SEALED, new byte[0]));
        assertNull(XChaCha20Poly1305.open(KEY, NONCE, new byte[5], AD));
    }
}
