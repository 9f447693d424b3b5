package dev.warren.bench;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.device.AllowedIps;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Longest-prefix lookup of a packet's address in an allowed-IPs table of 10,000 random prefixes spread over 100
 * peers, reading the address out of a direct buffer as the send and receive paths do. Half the probed addresses
 * fall inside an inserted prefix, half are random (mostly misses). One method per address family, so the results
 * name what they measure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AllowedIpsBenchmark {

    private static final int PREFIXES = 10_000;
    private static final int PROBES = 4096;

    private final Table v4 = new Table();
    private final Table v6 = new Table();
    private int next;

    /** One family's table and the packet addresses probed against it. */
    private static final class Table {
        final AllowedIps<Object> allowedIps = new AllowedIps<>();
        ByteBuffer probes;

        void fill(SplittableRandom rnd, int addrLen, int minPrefix) throws UnknownHostException {
            List<Object> peers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                peers.add(new Object());
            }
            List<IpNetwork> inserted = new ArrayList<>();
            for (int i = 0; i < PREFIXES; i++) {
                byte[] a = new byte[addrLen];
                rnd.nextBytes(a);
                IpNetwork net = new IpNetwork(InetAddress.getByAddress(a), rnd.nextInt(minPrefix, addrLen * 8 + 1)).masked();
                allowedIps.insert(net, peers.get(rnd.nextInt(peers.size())));
                inserted.add(net);
            }
            probes = ByteBuffer.allocateDirect(PROBES * addrLen);
            for (int i = 0; i < PROBES; i++) {
                byte[] a = new byte[addrLen];
                rnd.nextBytes(a);
                if (i % 2 == 0) {
                    IpNetwork net = inserted.get(rnd.nextInt(inserted.size()));
                    byte[] prefix = net.address().getAddress();
                    for (int b = 0; b < net.prefixLength(); b++) {
                        int mask = 0x80 >>> (b % 8);
                        a[b / 8] = (byte) ((a[b / 8] & ~mask) | (prefix[b / 8] & mask));
                    }
                }
                probes.put(i * addrLen, a);
            }
        }
    }

    @Setup
    public void setUp() throws UnknownHostException {
        SplittableRandom rnd = new SplittableRandom(10_000);
        v4.fill(rnd, 4, 8);
        v6.fill(rnd, 16, 32);
    }

    @Benchmark
    public Object lookupIpv4() {
        int i = next;
        next = (i + 1) & (PROBES - 1);
        return v4.allowedIps.lookup(v4.probes, i * 4, 4);
    }

    @Benchmark
    public Object lookupIpv6() {
        int i = next;
        next = (i + 1) & (PROBES - 1);
        return v6.allowedIps.lookup(v6.probes, i * 16, 16);
    }
}
