package dev.warren.core.testing;

import dev.warren.core.spi.Bind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A UDP network in memory for {@link Bind}s: datagrams go from one bind's address to another's queue. It can
 * lose, duplicate and reorder datagrams (seeded, so runs repeat), let a test filter or hold datagrams, and
 * records every datagram sent for assertions on the wire format.
 */
public final class InMemoryNetwork {

    /** One datagram as it crossed the network. */
    public record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] data) {
        public int type() {
            return data.length >= 4 ? data[0] & 0xff : -1;
        }
    }

    private final Map<InetSocketAddress, MemoryBind> binds = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Datagram> log = new ConcurrentLinkedQueue<>();
    private final Random random = new Random(42);
    private volatile double lossRate;
    private volatile double duplicateRate;
    private volatile double reorderRate;
    private volatile Predicate<Datagram> filter = d -> true;
    private Datagram heldForReorder;
    private int nextPort = 40000;

    /** A new unopened bind whose socket will live at {@code host}. */
    public Bind newBind(String host) {
        try {
            return new MemoryBind(InetAddress.getByName(host));
        } catch (IOException e) {
            throw new IllegalArgumentException(host, e);
        }
    }

    public void setLossRate(double rate) {
        lossRate = rate;
    }

    public void setDuplicateRate(double rate) {
        duplicateRate = rate;
    }

    /** Fraction of datagrams held back and delivered after the next one. */
    public void setReorderRate(double rate) {
        reorderRate = rate;
    }

    /** Only datagrams the filter accepts are delivered (all are still logged). */
    public void setFilter(Predicate<Datagram> filter) {
        this.filter = filter;
    }

    /** Every datagram sent so far, delivered or not. */
    public List<Datagram> log() {
        return List.copyOf(log);
    }

    /** Datagrams delivered to a bind's queue and not yet received from it. */
    public int undelivered() {
        return binds.values().stream().mapToInt(b -> b.inbox.size()).sum();
    }

    /**
     * True when no datagram waits in any bind's queue and every open bind's receiver is back waiting, i.e. has
     * handed the previous datagram on.
     */
    public boolean drained() {
        return binds.values().stream().allMatch(b -> b.inbox.isEmpty() && b.receiverWaiting);
    }

    public void clearLog() {
        log.clear();
    }

    /** Delivers bytes to {@code to} as if sent from {@code from}, bypassing loss and filter (for attacks). */
    public void inject(InetSocketAddress from, InetSocketAddress to, byte[] data) {
        MemoryBind b = binds.get(to);
        if (b != null) {
            b.inbox.offer(new Datagram(from, to, data.clone()));
        }
    }

    private void transmit(Datagram d) {
        log.add(d);
        if (!filter.test(d)) {
            return;
        }
        Datagram later = null;
        synchronized (this) {
            if (random.nextDouble() < lossRate) {
                return;
            }
            if (heldForReorder == null && random.nextDouble() < reorderRate) {
                heldForReorder = d;
                return;
            }
            later = heldForReorder;
            heldForReorder = null;
        }
        deliver(d);
        synchronized (this) {
            if (random.nextDouble() < duplicateRate) {
                deliver(d);
            }
        }
        if (later != null) {
            deliver(later);
        }
    }

    private void deliver(Datagram d) {
        MemoryBind b = binds.get(d.to());
        if (b != null) {
            b.inbox.offer(d);
        }
    }

    private static final Datagram CLOSED = new Datagram(null, null, new byte[0]);

    private final class MemoryBind implements Bind {
        private final InetAddress host;
        private final LinkedBlockingQueue<Datagram> inbox = new LinkedBlockingQueue<>(8192);
        private volatile InetSocketAddress local;
        private volatile boolean receiverWaiting;

        MemoryBind(InetAddress host) {
            this.host = host;
        }

        @Override
        public synchronized int open(int port) throws IOException {
            if (port != 0) {
                MemoryBind holder = binds.get(new InetSocketAddress(host, port));
                if (holder != null && holder != this) {
                    throw new java.net.BindException("Address already in use: " + host.getHostAddress() + ":" + port);
                }
            }
            close();
            int p = port;
            if (p == 0) {
                synchronized (InMemoryNetwork.this) {
                    p = nextPort++;
                }
            }
            InetSocketAddress addr = new InetSocketAddress(host, p);
            inbox.clear();
            binds.put(addr, this);
            local = addr;
            return p;
        }

        @Override
        public int port() {
            InetSocketAddress l = local;
            return l == null ? 0 : l.getPort();
        }

        @Override
        public InetSocketAddress receive(ByteBuffer dst) throws IOException {
            try {
                while (true) {
                    if (local == null) {
                        return null;
                    }
                    receiverWaiting = true;
                    Datagram d;
                    try {
                        d = inbox.poll(50, TimeUnit.MILLISECONDS);
                    } finally {
                        receiverWaiting = false;
                    }
                    if (d == CLOSED) {
                        return null;
                    }
                    if (d != null) {
                        dst.put(d.data(), 0, Math.min(d.data().length, dst.remaining()));
                        return d.from();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void send(ByteBuffer src, InetSocketAddress to) throws IOException {
            InetSocketAddress from = local;
            if (from == null) {
                throw new IOException("bind is closed");
            }
            byte[] data = new byte[src.remaining()];
            src.get(data);
            transmit(new Datagram(from, to, data));
        }

        @Override
        public void setFwmark(int mark) {
        }

        @Override
        public synchronized void close() {
            InetSocketAddress l = local;
            if (l != null) {
                binds.remove(l);
                local = null;
                inbox.offer(CLOSED);
            }
        }
    }
}
