package dev.warren.core.noise;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits handshake messages per source IP while the device is under load, as wireguard-go's ratelimiter does:
 * a token bucket of 20 messages per second with a burst of 5, entries forgotten after a second of silence.
 */
public final class RateLimiter {

    static final long PACKETS_PER_SECOND = 20;
    static final long PACKETS_BURSTABLE = 5;
    static final long PACKET_COST = 1_000_000_000L / PACKETS_PER_SECOND;
    static final long MAX_TOKENS = PACKET_COST * PACKETS_BURSTABLE;
    static final long GARBAGE_COLLECT_NANOS = 1_000_000_000L;

    private static final class Entry {
        long lastNanos;
        long tokens;
    }

    private final Map<InetAddress, Entry> table = new HashMap<>();
    private long lastCleanupNanos;

    /** True if a handshake message from {@code source} may be processed now. */
    public synchronized boolean allow(InetAddress source, long nowNanos) {
        if (nowNanos - lastCleanupNanos > GARBAGE_COLLECT_NANOS) {
            table.values().removeIf(e -> nowNanos - e.lastNanos > GARBAGE_COLLECT_NANOS);
            lastCleanupNanos = nowNanos;
        }
        Entry e = table.get(source);
        if (e == null) {
            e = new Entry();
            e.tokens = MAX_TOKENS - PACKET_COST;
            e.lastNanos = nowNanos;
            table.put(source, e);
            return true;
        }
        e.tokens = Math.min(MAX_TOKENS, e.tokens + (nowNanos - e.lastNanos));
        e.lastNanos = nowNanos;
        if (e.tokens > PACKET_COST) {
            e.tokens -= PACKET_COST;
            return true;
        }
        return false;
    }

    /** Number of sources currently tracked (for tests and diagnostics). */
    public synchronized int size() {
        return table.size();
    }
}
