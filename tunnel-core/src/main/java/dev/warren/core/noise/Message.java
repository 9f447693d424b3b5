package dev.warren.core.noise;

/**
 * WireGuard's wire format (whitepaper §5.4): four message types whose first byte is the type followed by three
 * zero bytes, read as one little-endian 32-bit word; every multi-byte integer is little-endian.
 *
 * <pre>
 * initiation  148 B: type | sender | ephemeral 32 | static 32+16 | timestamp 12+16 | mac1 16 | mac2 16
 * response     92 B: type | sender | receiver | ephemeral 32 | empty 0+16 | mac1 16 | mac2 16
 * cookie reply 64 B: type | receiver | nonce 24 | cookie 16+16
 * transport  16+n+16: type | receiver | counter 8 | encrypted packet n | tag 16
 * </pre>
 */
public final class Message {

    public static final int TYPE_INITIATION = 1;
    public static final int TYPE_RESPONSE = 2;
    public static final int TYPE_COOKIE_REPLY = 3;
    public static final int TYPE_TRANSPORT = 4;

    public static final int INITIATION_SIZE = 148;
    public static final int RESPONSE_SIZE = 92;
    public static final int COOKIE_REPLY_SIZE = 64;
    public static final int TRANSPORT_HEADER_SIZE = 16;
    /** A transport message with no payload: a keepalive. */
    public static final int KEEPALIVE_SIZE = TRANSPORT_HEADER_SIZE + 16;

    public static final int INITIATION_SENDER = 4;
    public static final int INITIATION_EPHEMERAL = 8;
    public static final int INITIATION_STATIC = 40;
    public static final int INITIATION_TIMESTAMP = 88;

    public static final int RESPONSE_SENDER = 4;
    public static final int RESPONSE_RECEIVER = 8;
    public static final int RESPONSE_EPHEMERAL = 12;
    public static final int RESPONSE_EMPTY = 44;

    public static final int COOKIE_REPLY_RECEIVER = 4;
    public static final int COOKIE_REPLY_NONCE = 8;
    public static final int COOKIE_REPLY_COOKIE = 32;

    public static final int TRANSPORT_RECEIVER = 4;
    public static final int TRANSPORT_COUNTER = 8;
    public static final int TRANSPORT_CONTENT = 16;

    /** mac1 and mac2 are the last 32 bytes of both handshake messages. */
    public static final int MAC_LENGTH = 16;

    private Message() {
    }

    public static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    public static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static long getLong(byte[] b, int off) {
        return (getInt(b, off) & 0xffffffffL) | (long) getInt(b, off + 4) << 32;
    }

    public static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) v);
        putInt(b, off + 4, (int) (v >>> 32));
    }

    /** Offset of mac1 in a handshake message of {@code length} bytes. */
    public static int mac1Offset(int length) {
        return length - 2 * MAC_LENGTH;
    }

    /** Offset of mac2 in a handshake message of {@code length} bytes. */
    public static int mac2Offset(int length) {
        return length - MAC_LENGTH;
    }
}
