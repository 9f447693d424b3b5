package dev.warren.bridge.linux;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Compares LinuxBind with a plain {@link DatagramChannel} on loopback (the choice LinuxBind's design rests on):
 * one thread sends 1420-byte datagrams as fast as it can, another receives them, for a few seconds per round;
 * prints received packets/s, and per packet the CPU time and bytes allocated on each side. CPU time per packet
 * is the figure to compare on a shared machine: throughput there mostly shows what else was running. Not a test: run it by hand,
 * <pre>
 *   mvn -q -pl native-bridge -am verify -DskipTests &amp;&amp; java --enable-native-access=ALL-UNNAMED -cp \
 *     "native-bridge/target/test-classes:native-bridge/target/classes:tunnel-core/target/classes:$(ls ~/.m2/repository/net/java/dev/jna/jna/5.19.1/jna-5.19.1.jar)" \
 *     dev.warren.bridge.linux.BindLoopbackMeasurement
 * </pre>
 */
public final class BindLoopbackMeasurement {

    private static final int SIZE = 1420;
    private static final long ROUND_NANOS = 3_000_000_000L;

    private interface Endpoint {
        void send(ByteBuffer b, InetSocketAddress to) throws IOException;

        Object receive(ByteBuffer b) throws IOException;

        int port() throws IOException;

        void close() throws IOException;
    }

    public static void main(String[] args) throws Exception {
        for (int round = 0; round < 3; round++) {
            run("DatagramChannel", channel(), channel());
            run("LinuxBind      ", bind(), bind());
        }
    }

    private static void run(String name, Endpoint tx, Endpoint rx) throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), rx.port());
        AtomicBoolean stop = new AtomicBoolean();
        long[] sent = new long[3];
        Thread sender = new Thread(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(SIZE);
            long before = allocated();
            long cpuBefore = cpu();
            try {
                while (!stop.get()) {
                    b.clear();
                    tx.send(b, to);
                    sent[0]++;
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            sent[1] = allocated() - before;
            sent[2] = cpu() - cpuBefore;
        });
        ByteBuffer b = ByteBuffer.allocateDirect(2048);
        for (int i = 0; i < 10_000; i++) {
            // warm up both paths before measuring
            b.clear();
            tx.send(b.limit(SIZE), to);
            b.clear();
            rx.receive(b);
        }
        sender.start();
        long received = 0;
        long allocBefore = allocated();
        long cpuBefore = cpu();
        long start = System.nanoTime();
        while (System.nanoTime() - start < ROUND_NANOS) {
            b.clear();
            rx.receive(b);
            received++;
        }
        long elapsed = System.nanoTime() - start;
        long rxAlloc = allocated() - allocBefore;
        long rxCpu = cpu() - cpuBefore;
        stop.set(true);
        tx.close();
        rx.close();
        sender.join();
        System.out.printf("%s rx %,8.0f pkt/s  rx %5.2f us CPU %.2f B/pkt  tx %5.2f us CPU %.2f B/pkt%n", name,
                received * 1e9 / elapsed, rxCpu / 1e3 / received, (double) rxAlloc / received,
                sent[2] / 1e3 / Math.max(1, sent[0]), (double) sent[1] / Math.max(1, sent[0]));
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Endpoint channel() throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET6);
        ch.bind(new InetSocketAddress(0));
        return new Endpoint() {
            @Override
            public void send(ByteBuffer b, InetSocketAddress to) throws IOException {
                ch.send(b, to);
            }

            @Override
            public SocketAddress receive(ByteBuffer b) throws IOException {
                return ch.receive(b);
            }

            @Override
            public int port() throws IOException {
                return ((InetSocketAddress) ch.getLocalAddress()).getPort();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    private static Endpoint bind() throws IOException {
        LinuxBind bind = new LinuxBind();
        bind.open(0);
        return new Endpoint() {
            @Override
            public void send(ByteBuffer b, InetSocketAddress to) throws IOException {
                bind.send(b, to);
            }

            @Override
            public InetSocketAddress receive(ByteBuffer b) throws IOException {
                return bind.receive(b);
            }

            @Override
            public int port() {
                return bind.port();
            }

            @Override
            public void close() throws IOException {
                bind.close();
            }
        };
    }
}
