package dev.warren.core.device;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded supply of packet buffers of a device. Buffers are created on demand up to {@code capacity} and
 * then reused, so memory stays bounded however fast packets arrive: a reader that finds none free waits,
 * which pushes back on the TUN device or lets the socket buffer overflow, instead of queueing without limit.
 */
final class PacketPool {

    private final ArrayBlockingQueue<Packet> free;
    private final AtomicInteger created = new AtomicInteger();
    private final int capacity;

    PacketPool(int capacity) {
        this.capacity = capacity;
        this.free = new ArrayBlockingQueue<>(capacity);
    }

    /** A free packet, waiting if all {@code capacity} are in flight. */
    Packet take() throws InterruptedException {
        Packet p = poll();
        return p != null ? p : free.take();
    }

    /** A free packet, or null if all are in flight (for timer threads, which must not block). */
    Packet poll() {
        Packet p = free.poll();
        if (p != null) {
            return p;
        }
        if (created.incrementAndGet() <= capacity) {
            return new Packet();
        }
        created.decrementAndGet();
        return null;
    }

    /** Packets currently taken and not yet released. */
    int inUse() {
        return Math.min(created.get(), capacity) - free.size();
    }

    void release(Packet p) {
        p.reset();
        free.offer(p);
    }
}
