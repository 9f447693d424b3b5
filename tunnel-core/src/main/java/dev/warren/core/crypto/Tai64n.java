package dev.warren.core.crypto;

import java.time.Instant;

/**
 * A TAI64N timestamp (12 bytes, big-endian) as WireGuard puts in handshake initiations. A responder accepts an
 * initiation only if its timestamp is greater than the last one it accepted from that peer, which defeats replay.
 *
 * <p>Like wireguard-go, the nanoseconds are rounded down to a multiple of 2^24 ns (≈16.8 ms) so that the
 * timestamp does not leak a fine-grained clock to an observer who can decrypt it (the responder).
 */
public record Tai64n(long seconds, int nanos) implements Comparable<Tai64n> {

    public static final int LENGTH = 12;

    /** TAI64's 2^62 label plus the 10 s TAI-UTC offset of 1970, as wireguard-go's tai64n package uses. */
    private static final long BASE = 0x400000000000000aL;
    private static final int WHITENER_MASK = 0x1000000 - 1;

    /** The whitened timestamp of {@code t}. */
    public static Tai64n of(Instant t) {
        return new Tai64n(BASE + t.getEpochSecond(), t.getNano() & ~WHITENER_MASK);
    }

    /** Reads 12 bytes at {@code off}. */
    public static Tai64n read(byte[] b, int off) {
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = s << 8 | (b[off + i] & 0xff);
        }
        int n = 0;
        for (int i = 8; i < 12; i++) {
            n = n << 8 | (b[off + i] & 0xff);
        }
        return new Tai64n(s, n);
    }

    /** The 12-byte encoding. */
    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (seconds >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            b[8 + i] = (byte) (nanos >>> (24 - 8 * i));
        }
        return b;
    }

    /** Orders as the unsigned 96-bit big-endian numbers the encodings are. */
    @Override
    public int compareTo(Tai64n o) {
        int c = Long.compareUnsigned(seconds, o.seconds);
        return c != 0 ? c : Integer.compareUnsigned(nanos, o.nanos);
    }

    public boolean isAfter(Tai64n o) {
        return compareTo(o) > 0;
    }
}
