package dev.warren.bridge.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;

/**
 * One thread's cache of direct buffers' native addresses, so that hot-path calls can pass plain {@code long}
 * addresses. JNA converts a {@code ByteBuffer} argument through several JNI calls on every call (measured:
 * ~0.4 µs more per call than a {@code long}); a direct buffer's address never changes, so it is looked up once
 * per buffer. Direct-mapped by identity with {@value #SLOTS} slots, enough for a worker that rotates through
 * a small batch of buffers; the strong reference held here keeps a cached buffer (and so its address) alive.
 *
 * <p>Heap buffers (the engine's packets are {@code byte[]}-backed, because the JDK's ChaCha20-Poly1305 works on
 * arrays without copying) go through one direct staging buffer per thread instead: the syscall reads into it
 * and {@link #completeRead} copies the bytes out, or {@link #writeAddress} copies them in first. That is one
 * {@code memcpy} per packet, as the JDK's own channels do for heap buffers, and no allocation.
 */
final class BufferAddresses {

    private static final int SLOTS = 16;

    private final ByteBuffer[] buffers = new ByteBuffer[SLOTS];
    private final long[] bases = new long[SLOTS];

    /** The largest datagram or IP packet: what a heap buffer can exchange through the staging buffer. */
    static final int STAGING_SIZE = 65536;

    private ByteBuffer staging;
    private long stagingBase;

    /**
     * Where a read syscall should put its bytes for {@code dst}: {@code dst}'s own memory at its position if it
     * is direct, else the staging buffer (then call {@link #completeRead}). Read at most {@link #readLength}.
     */
    long readAddress(ByteBuffer dst) {
        return dst.isDirect() ? at(dst) : staging();
    }

    /** How many bytes a read into {@code dst} may transfer. */
    static int readLength(ByteBuffer dst) {
        return dst.isDirect() ? dst.remaining() : Math.min(dst.remaining(), STAGING_SIZE);
    }

    /** Copies {@code n} read bytes from the staging buffer to {@code dst}'s position if {@code dst} is a heap buffer. */
    void completeRead(ByteBuffer dst, int n) {
        if (!dst.isDirect()) {
            dst.put(dst.position(), staging, 0, n);
        }
    }

    /**
     * The native address of {@code src}'s bytes from its position to its limit, copied into the staging buffer
     * first if {@code src} is a heap buffer.
     *
     * @throws IllegalArgumentException if a heap buffer holds more than {@link #STAGING_SIZE} bytes
     */
    long writeAddress(ByteBuffer src) {
        if (src.isDirect()) {
            return at(src);
        }
        int len = src.remaining();
        if (len > STAGING_SIZE) {
            throw new IllegalArgumentException(len + " bytes cannot be sent at once; at most " + STAGING_SIZE);
        }
        long base = staging();
        staging.put(0, src, src.position(), len);
        return base;
    }

    private long staging() {
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(STAGING_SIZE);
            stagingBase = Pointer.nativeValue(Native.getDirectBufferPointer(staging));
        }
        return stagingBase;
    }

    /** The native address of {@code b}'s position; {@code b} must be direct. */
    long at(ByteBuffer b) {
        int slot = System.identityHashCode(b) & (SLOTS - 1);
        if (buffers[slot] != b) {
            if (!b.isDirect()) {
                throw new IllegalArgumentException("packet buffers must be direct (ByteBuffer.allocateDirect)");
            }
            bases[slot] = Pointer.nativeValue(Native.getDirectBufferPointer(b));
            buffers[slot] = b;
        }
        return bases[slot] + b.position();
    }
}
