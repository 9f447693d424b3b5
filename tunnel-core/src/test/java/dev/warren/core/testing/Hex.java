package dev.warren.core.testing;

import java.util.HexFormat;

/** Hex decoding for test vectors written as in the RFCs (whitespace allowed). */
public final class Hex {

    private Hex() {
    }

    public static byte[] decode(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    public static String encode(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
