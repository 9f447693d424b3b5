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
 */
final class BufferAddresses {

    private static final int SLOTS = 16;

    private final ByteBuffer[] buffers = new ByteBuffer[SLOTS];
    private final long[] bases = new long[SLOTS];

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
