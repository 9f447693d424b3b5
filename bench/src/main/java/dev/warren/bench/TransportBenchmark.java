package dev.warren.bench;

import dev.warren.core.crypto.ChaCha20Poly1305;
import dev.warren.core.crypto.TransportKey;
import dev.warren.core.device.Padding;
import dev.warren.core.noise.Message;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The transport data path per core: what an encryption worker does to one packet (header, padding, in-place
 * seal) and what a decryption worker does (in-place open). Throughput in packets per second; bench/jmh.sh turns
 * it into Gbit/s of plaintext and compares it with {@code openssl speed} in the same run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TransportBenchmark {

    @Param("1420")
    int size;

    private TransportKey key;
    private byte[] packet;
    private byte[] sealed;
    private byte[] work;
    private int sealedLength;
    /** Starts past the counter used in setup: the JDK refuses a key and nonce pair twice in a row. */
    private long counter = 1;

    @Setup
    public void setup() {
        byte[] raw = new byte[32];
        ThreadLocalRandom.current().nextBytes(raw);
        key = new TransportKey(raw);
        int room = Message.TRANSPORT_CONTENT + size + 16 + 16;
        packet = new byte[room];
        ThreadLocalRandom.current().nextBytes(packet);
        work = new byte[room];
        sealed = packet.clone();
        sealedLength = Message.TRANSPORT_CONTENT
                + ChaCha20Poly1305.seal(key, 0, null, sealed, Message.TRANSPORT_CONTENT, size);
    }

    /** Header, padding (none at 1420 with MTU 1420) and seal, in place, as the encryption worker does. */
    @Benchmark
    public int encrypt() {
        byte[] d = packet;
        long n = counter++;
        int padded = size + Padding.paddingFor(size, 1420);
        Message.putInt(d, 0, Message.TYPE_TRANSPORT);
        Message.putInt(d, Message.TRANSPORT_RECEIVER, 0x12345678);
        Message.putLong(d, Message.TRANSPORT_COUNTER, n);
        return ChaCha20Poly1305.seal(key, n, null, d, Message.TRANSPORT_CONTENT, padded);
    }

    /**
     * Open in place, as the decryption worker does. The ciphertext is first copied into the work buffer (the
     * open overwrites it); the copy of 1.4 kB costs a few percent of the open and is included.
     */
    @Benchmark
    public int decrypt() {
        System.arraycopy(sealed, 0, work, 0, sealedLength);
        int n = ChaCha20Poly1305.open(key, 0, null, work, Message.TRANSPORT_CONTENT,
                sealedLength - Message.TRANSPORT_CONTENT);
        if (n < 0) {
            throw new IllegalStateException("authentication failed");
        }
        return n;
    }
}
