package dev.warren.core.uapi;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code \n}-terminated lines of the UAPI from a byte stream, however the bytes are split across reads,
 * and bounds every line so that a client cannot make the service buffer without limit.
 */
final class UapiLineReader {

    /** Far above the longest valid line (an allowed IPv6 prefix or endpoint is under 64 bytes). */
    static final int MAX_LINE = 4096;

    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int end;
    private final byte[] line = new byte[MAX_LINE];

    UapiLineReader(InputStream in) {
        this.in = in;
    }

    /** A line too long to be valid; its bytes up to and including the newline have been consumed. */
    static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("line longer than " + MAX_LINE + " bytes");
        }
    }

    /**
     * The next line without its {@code \n} (bytes taken as ISO-8859-1, so any non-ASCII byte stays visible and
     * fails validation), or null at the end of the stream.
     *
     * @throws EOFException if the stream ends inside a line
     * @throws LineTooLongException if the line exceeds {@link #MAX_LINE} bytes
     */
    String readLine() throws IOException {
        int len = 0;
        boolean tooLong = false;
        while (true) {
            if (pos == end && !fill()) {
                if (len == 0 && !tooLong) {
                    return null;
                }
                throw new EOFException("the stream ended inside a line");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                if (tooLong) {
                    throw new LineTooLongException();
                }
                return new String(line, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (len < MAX_LINE) {
                line[len++] = b;
            } else {
                tooLong = true;
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        end = n;
        return true;
    }
}
