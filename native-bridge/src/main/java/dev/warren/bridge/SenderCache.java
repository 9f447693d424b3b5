package dev.warren.bridge;

import java.net.InetSocketAddress;

/**
 * The senders one UDP receive thread has decoded, keyed by the raw {@code sockaddr} recvfrom wrote (up to 28 bytes,
 * read as three longs and an int). WireGuard peers send from the same few endpoints packet after packet, so the
 * decoding, and the {@link InetSocketAddress} it allocates, happens only when a sender is new. Direct-mapped with
 * {@value #SLOTS} slots, enough for a handful of busy peers to interleave without evicting each other. Not thread
 * safe: one per receiving thread.
 */
public final class SenderCache {

    private static final int SLOTS = 16;

    private final InetSocketAddress[] senders = new InetSocketAddress[SLOTS];
    private final long[] key0 = new long[SLOTS];
    private final long[] key1 = new long[SLOTS];
    private final long[] key2 = new long[SLOTS];
    private final int[] key3 = new int[SLOTS];

    private int slot;
    private long k0;
    private long k1;
    private long k2;
    private int k3;

    /** The sender cached for these bytes, or null; a following {@link #put} caches one for the same bytes. */
    public InetSocketAddress get(long k0, long k1, long k2, int k3) {
        this.k0 = k0;
        this.k1 = k1;
        this.k2 = k2;
        this.k3 = k3;
        slot = (int) ((k0 ^ k1 * 31 ^ k2 * 961 ^ k3) * 0x9E3779B97F4A7C15L >>> 60) & (SLOTS - 1);
        InetSocketAddress cached = senders[slot];
        return cached != null && k0 == key0[slot] && k1 == key1[slot] && k2 == key2[slot] && k3 == key3[slot]
                ? cached : null;
    }

    /** Caches {@code sender} for the bytes of the last {@link #get}, and returns it. */
    public InetSocketAddress put(InetSocketAddress sender) {
        senders[slot] = sender;
        key0[slot] = k0;
        key1[slot] = k1;
        key2[slot] = k2;
        key3[slot] = k3;
        return sender;
    }
}
