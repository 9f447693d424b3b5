package dev.warren.core.device;

import java.util.Arrays;

/**
 * The receive-side replay filter of one keypair: a sliding window over the 64-bit transport counters (RFC 6479),
 * laid out as wireguard-go's replay.go does, a ring of 128 blocks of 64 bits of which all but one are usable, so
 * any counter up to {@link #WINDOW_SIZE} (8128) behind the newest accepted one is still judged exactly.
 *
 * <p>Counters are unsigned 64-bit values carried in a {@code long}; every comparison is unsigned.
 *
 * <p>Thread-safe: decryption workers of one keypair may call {@link #accept} concurrently. The check-and-mark is
 * a few word operations under this object's monitor, which is far cheaper than the packet's decryption and keeps
 * the ring and the newest counter consistent without any retry logic.
 */
public final class ReplayWindow {

    /**
     * 2^64 − 2^13 − 1 (unsigned): a keypair never accepts a counter at or above this, so a sender can never make
     * the counter wrap (whitepaper §6.1, REJECT_AFTER_MESSAGES).
     */
    public static final long REJECT_AFTER_MESSAGES = -1L - (1L << 13);

    private static final int BLOCK_BITS_LOG = 6;
    private static final int BLOCK_BITS = 1 << BLOCK_BITS_LOG;
    private static final int RING_BLOCKS = 128;
    private static final int BLOCK_MASK = RING_BLOCKS - 1;
    private static final int BIT_MASK = BLOCK_BITS - 1;

    /** How far behind the newest accepted counter a counter may be and still be accepted (once). */
    public static final int WINDOW_SIZE = (RING_BLOCKS - 1) * BLOCK_BITS;

    private final long[] ring = new long[RING_BLOCKS];
    private long last;

    /**
     * Accepts {@code counter} if it is below {@link #REJECT_AFTER_MESSAGES}, not older than the window and not seen
     * before, and marks it seen. Call only after the packet has been authenticated, or a forger could move the
     * window.
     *
     * @return true if the packet is new and must be processed, false if it must be dropped
     */
    public synchronized boolean accept(long counter) {
        if (Long.compareUnsigned(counter, REJECT_AFTER_MESSAGES) >= 0) {
            return false;
        }
        long block = counter >>> BLOCK_BITS_LOG;
        if (Long.compareUnsigned(counter, last) > 0) {
            long current = last >>> BLOCK_BITS_LOG;
            long advance = Math.min(block - current, RING_BLOCKS);
            for (long i = 1; i <= advance; i++) {
                ring[(int) ((current + i) & BLOCK_MASK)] = 0;
            }
            last = counter;
        } else if (Long.compareUnsigned(last - counter, WINDOW_SIZE) > 0) {
            return false;
        }
        int index = (int) (block & BLOCK_MASK);
        long bit = 1L << (counter & BIT_MASK);
        long old = ring[index];
        ring[index] = old | bit;
        return (old & bit) == 0;
    }

    /** Forgets every counter seen, as for a fresh keypair. */
    public synchronized void reset() {
        last = 0;
        Arrays.fill(ring, 0);
    }
}
