package dev.warren.core.testing;

import dev.warren.core.spi.TunDevice;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TUN device in memory: a test {@link #inject}s the IP packets "the OS routes into the tunnel" and
 * {@link #poll}s those the device wrote back.
 */
public final class InMemoryTun implements TunDevice {

    private static final byte[] CLOSED = new byte[0];

    private final String name;
    private final int mtu;
    private final LinkedBlockingQueue<byte[]> toDevice = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> fromDevice = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile boolean readerWaiting;

    public InMemoryTun(String name, int mtu) {
        this.name = name;
        this.mtu = mtu;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    /** Queues a packet for the device to read. */
    public void inject(byte[] packet) {
        toDevice.add(packet.clone());
    }

    /** The next packet the device wrote, or null after {@code millis}. */
    public byte[] poll(long millis) throws InterruptedException {
        return fromDevice.poll(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * True when every injected packet has been read and the device's reader is back waiting for the next, i.e.
     * it has finished handing the previous one on.
     */
    public boolean drained() {
        return readerWaiting && toDevice.isEmpty();
    }

    /** Packets the device wrote and nobody polled yet. */
    public int pending() {
        return fromDevice.size();
    }

    @Override
    public int read(ByteBuffer dst) {
        try {
            readerWaiting = true;
            byte[] p;
            try {
                p = closed ? CLOSED : toDevice.take();
            } finally {
                readerWaiting = false;
            }
            if (p == CLOSED) {
                toDevice.offer(CLOSED);
                return -1;
            }
            dst.put(p);
            return p.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void write(ByteBuffer src) {
        byte[] p = new byte[src.remaining()];
        src.get(p);
        fromDevice.add(p);
    }

    @Override
    public void close() {
        closed = true;
        toDevice.offer(CLOSED);
    }
}
