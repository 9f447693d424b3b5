package dev.warren.app.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-terminated UTF-8 frames without ever holding more than the frame limit:
 * an oversize frame is skipped to its newline and reported, so the stream stays in step and the connection
 * survives.
 */
final class FrameReader {

    /** One frame: its text, or why it has none. */
    sealed interface Frame {
    }

    record Text(String text) implements Frame {
    }

    /** The frame was longer than the limit and has been skipped. */
    record TooLarge(long bytes) implements Frame {
    }

    /** The frame was not valid UTF-8. */
    record NotUtf8() implements Frame {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private byte[] line = new byte[1024];
    private int lineLen;

    FrameReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next frame, or {@code null} at end of stream (a partial last line without newline is dropped). */
    Frame next() throws IOException {
        lineLen = 0;
        long skipped = 0;
        while (true) {
            if (pos == lim) {
                int n = in.read(buf);
                if (n < 0) {
                    return null;
                }
                pos = 0;
                lim = n;
            }
            int nl = indexOfNewline();
            int end = nl < 0 ? lim : nl;
            int chunk = end - pos;
            if (skipped > 0 || lineLen + chunk > maxBytes) {
                skipped += lineLen + chunk;
                lineLen = 0;
            } else {
                append(chunk);
            }
            pos = nl < 0 ? lim : nl + 1;
            if (nl >= 0) {
                return skipped > 0 ? new TooLarge(skipped) : decode();
            }
        }
    }

    private int indexOfNewline() {
        for (int i = pos; i < lim; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int chunk) {
        if (lineLen + chunk > line.length) {
            line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(line.length * 2, lineLen + chunk)));
        }
        System.arraycopy(buf, pos, line, lineLen, chunk);
        lineLen += chunk;
    }

    private Frame decode() {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, 0, lineLen))
                    .toString();
            if (line.length > 64 * 1024) {
                // One huge frame should not pin a megabyte per idle connection.
                line = new byte[1024];
            }
            return new Text(s);
        } catch (CharacterCodingException e) {
            return new NotUtf8();
        }
    }
}
