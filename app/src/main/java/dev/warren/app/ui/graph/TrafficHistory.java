package dev.warren.app.ui.graph;

/**
 * The last {@code capacity} per-second transfer rates of a tunnel, derived from the cumulative rx/tx counters the
 * manager reports. A counter that goes down (the tunnel restarted) starts a new baseline instead of a negative
 * rate. Reads are expected about every second; after a longer gap (the window was hidden, another tunnel was
 * shown) the history starts over, since one averaged rate would be drawn as a single second of traffic.
 * Confined to the event dispatch thread like the graph that draws it.
 */
public final class TrafficHistory {

    /** Reads further apart than this do not make one sample: the history is cleared instead. */
    static final long MAX_GAP_NANOS = 3_000_000_000L;

    private final double[] rx;
    private final double[] tx;
    private int size;
    private int head;
    private long lastNanos = -1;
    private long lastRx;
    private long lastTx;

    public TrafficHistory(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a history needs at least two samples, not " + capacity);
        }
        rx = new double[capacity];
        tx = new double[capacity];
    }

    /** Records the counters as read at {@code nanos} (a monotonic clock) and appends the rate since the last read. */
    public void sample(long nanos, long rxBytes, long txBytes) {
        if (lastNanos >= 0 && nanos - lastNanos > MAX_GAP_NANOS) {
            size = 0;
            head = 0;
            lastNanos = -1;
        }
        if (lastNanos >= 0 && nanos > lastNanos && rxBytes >= lastRx && txBytes >= lastTx) {
            double seconds = (nanos - lastNanos) / 1e9;
            rx[head] = (rxBytes - lastRx) / seconds;
            tx[head] = (txBytes - lastTx) / seconds;
            head = (head + 1) % rx.length;
            size = Math.min(size + 1, rx.length);
        }
        if (nanos > lastNanos) {
            lastNanos = nanos;
            lastRx = rxBytes;
            lastTx = txBytes;
        }
    }

    public int capacity() {
        return rx.length;
    }

    public int size() {
        return size;
    }

    /** Received bytes per second, {@code i} = 0 the oldest kept sample. */
    public double rx(int i) {
        return rx[index(i)];
    }

    public double tx(int i) {
        return tx[index(i)];
    }

    /** The largest rate in either direction, for the graph's scale. */
    public double peak() {
        double p = 0;
        for (int i = 0; i < size; i++) {
            p = Math.max(p, Math.max(rx(i), tx(i)));
        }
        return p;
    }

    private int index(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + size);
        }
        return Math.floorMod(head - size + i, rx.length);
    }
}
