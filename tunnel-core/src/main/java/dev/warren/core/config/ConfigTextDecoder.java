package dev.warren.core.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of a config file into text. Files come as UTF-8 (with or without BOM) or, exported from
 * Windows tools, as UTF-16 LE/BE with or without BOM; a BOM decides, else the pattern of NUL bytes (a config
 * is mostly ASCII, so UTF-16 has a NUL in every other byte). Undecodable bytes become U+FFFD and their
 * positions are reported, so the parser can point at them instead of failing.
 */
final class ConfigTextDecoder {

    /** The decoded text and the char offsets where undecodable input was replaced. */
    record Decoded(String text, Charset charset, List<Integer> malformedOffsets) {
    }

    /** Enough pairs to see the NUL pattern without scanning a whole (possibly huge) file. */
    private static final int SNIFF_PAIRS = 64;

    private ConfigTextDecoder() {
    }

    static Decoded decode(byte[] bytes) {
        int skip = 0;
        Charset cs;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            cs = StandardCharsets.UTF_8;
            skip = 3;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else {
            cs = sniff(bytes);
        }
        return decode(bytes, skip, cs);
    }

    private static Charset sniff(byte[] b) {
        int pairs = Math.min(b.length / 2, SNIFF_PAIRS);
        int evenNul = 0;
        int oddNul = 0;
        for (int i = 0; i < pairs; i++) {
            evenNul += b[2 * i] == 0 ? 1 : 0;
            oddNul += b[2 * i + 1] == 0 ? 1 : 0;
        }
        if (pairs > 0 && oddNul * 2 > pairs && evenNul == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (pairs > 0 && evenNul * 2 > pairs && oddNul == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return StandardCharsets.UTF_8;
    }

    private static Decoded decode(byte[] bytes, int skip, Charset cs) {
        CharsetDecoder decoder = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        List<Integer> malformed = new ArrayList<>();
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) {
                malformed.add(out.position());
                out.put('\uFFFD');
                in.position(in.position() + r.length());
            } else {
                break;
            }
        }
        CoderResult r = decoder.flush(out);
        if (r.isError()) {
            malformed.add(out.position());
            out.put('\uFFFD');
        }
        out.flip();
        return new Decoded(out.toString(), cs, List.copyOf(malformed));
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
