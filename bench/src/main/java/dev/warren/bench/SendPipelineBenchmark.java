package dev.warren.bench;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.device.Device;
import dev.warren.core.device.Peer;
import dev.warren.core.spi.Bind;
import dev.warren.core.spi.TunDevice;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole send path of a {@link Device} on every core: a TUN device that always has another 1420-byte IPv4
 * packet, the allowed-IPs lookup, staging, counter assignment, parallel encryption and the in-order sequential
 * sender, down to a UDP socket that counts and discards what it is given. One operation is one packet sent.
 * The handshake with a second device happens once in setup over an in-memory link.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SendPipelineBenchmark {

    static final int PACKETS_PER_OP = 1000;
    static final int SIZE = 1420;

    private Device a;
    private Device b;
    private final AtomicLong transportsSent = new AtomicLong();

    @Setup(Level.Trial)
    public void setup() throws Exception {
        LinkedBlockingQueue<byte[]> toA = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<byte[]> toB = new LinkedBlockingQueue<>();
        InetSocketAddress addrA = new InetSocketAddress("192.0.2.1", 1);
        InetSocketAddress addrB = new InetSocketAddress("192.0.2.2", 2);
        a = new Device(new EndlessTun(), new LinkBind(toA, toB, addrA, addrB, transportsSent));
        b = new Device(new IdleTun(), new LinkBind(toB, toA, addrB, addrA, null));
        a.setPrivateKey(Key.generatePrivate());
        b.setPrivateKey(Key.generatePrivate());
        Peer peerB = a.addPeer(b.publicKey());
        peerB.setEndpoint(addrB);
        a.addAllowedIp(peerB, IpNetwork.parse("10.0.0.2/32"));
        Peer peerA = b.addPeer(a.publicKey());
        b.addAllowedIp(peerA, IpNetwork.parse("10.0.0.1/32"));
        b.up();
        a.up();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (transportsSent.get() < PACKETS_PER_OP) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no transport packets after 30 s: the handshake did not complete");
            }
            Thread.sleep(10);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        a.close();
        b.close();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS_PER_OP)
    public long send() {
        long target = transportsSent.get() + PACKETS_PER_OP;
        long n;
        while ((n = transportsSent.get()) < target) {
            LockSupport.parkNanos(20_000);
        }
        return n;
    }

    /** A TUN device the OS keeps full: every read returns the same IPv4 packet to 10.0.0.2. */
    private static final class EndlessTun implements TunDevice {
        private final byte[] packet = new byte[SIZE];
        private volatile boolean closed;

        EndlessTun() {
            packet[0] = 0x45;
            packet[2] = (byte) (SIZE >> 8);
            packet[3] = (byte) SIZE;
            packet[9] = 17;
            packet[12] = 10;
            packet[15] = 1;
            packet[16] = 10;
            packet[19] = 2;
        }

        @Override
        public String name() {
            return "bench";
        }

        @Override
        public int mtu() {
            return SIZE;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (closed) {
                return -1;
            }
            dst.put(packet);
            return SIZE;
        }

        @Override
        public void write(ByteBuffer src) {
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A TUN device with nothing to send. */
    private static final class IdleTun implements TunDevice {
        private final LinkedBlockingQueue<Boolean> closed = new LinkedBlockingQueue<>();

        @Override
        public String name() {
            return "idle";
        }

        @Override
        public int mtu() {
            return SIZE;
        }

        @Override
        public int read(ByteBuffer dst) {
            try {
                closed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return -1;
        }

        @Override
        public void write(ByteBuffer src) {
        }

        @Override
        public void close() {
            closed.offer(true);
        }
    }

    /**
     * One end of an in-memory link that carries handshake messages to the other device; transport messages are
     * counted (if {@code transports} is given) and discarded, so only the sender's work is measured.
     */
    private static final class LinkBind implements Bind {
        private static final byte[] CLOSED = new byte[0];
        private final LinkedBlockingQueue<byte[]> in;
        private final LinkedBlockingQueue<byte[]> out;
        private final InetSocketAddress self;
        private final InetSocketAddress other;
        private final AtomicLong transports;
        private volatile boolean open;

        LinkBind(LinkedBlockingQueue<byte[]> in, LinkedBlockingQueue<byte[]> out, InetSocketAddress self,
                InetSocketAddress other, AtomicLong transports) {
            this.in = in;
            this.out = out;
            this.self = self;
            this.other = other;
            this.transports = transports;
        }

        @Override
        public int open(int port) {
            open = true;
            return self.getPort();
        }

        @Override
        public int port() {
            return open ? self.getPort() : 0;
        }

        @Override
        public InetSocketAddress receive(ByteBuffer dst) throws IOException {
            try {
                byte[] d = in.take();
                if (d == CLOSED) {
                    return null;
                }
                dst.put(d);
                return other;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void send(ByteBuffer src, InetSocketAddress to) {
            if (src.get(src.position()) == 4 && transports != null) {
                transports.incrementAndGet();
                src.position(src.limit());
                return;
            }
            byte[] d = new byte[src.remaining()];
            src.get(d);
            out.offer(d);
        }

        @Override
        public void setFwmark(int mark) {
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                in.offer(CLOSED);
            }
        }
    }
}
