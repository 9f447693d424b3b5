package dev.warren.bench;

import dev.warren.core.config.Key;
import dev.warren.core.crypto.Tai64n;
import dev.warren.core.noise.CookieChecker;
import dev.warren.core.noise.CookieGenerator;
import dev.warren.core.noise.Handshake;
import dev.warren.core.noise.SessionKeys;
import dev.warren.core.noise.StaticIdentity;
import java.time.Instant;
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
 * One complete handshake per operation, both sides on one core: initiation created with macs, mac1 checked,
 * initiation consumed, response created with macs and consumed, keys derived on both sides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeBenchmark {

    private StaticIdentity initiator;
    private StaticIdentity responder;
    private Handshake initiatorSide;
    private Handshake responderSide;
    private CookieGenerator toResponder;
    private CookieGenerator toInitiator;
    private CookieChecker responderChecker;
    private long seconds;
    private long nanos;

    @Setup
    public void setup() {
        Key i = Key.generatePrivate();
        Key r = Key.generatePrivate();
        initiator = StaticIdentity.of(i);
        responder = StaticIdentity.of(r);
        initiatorSide = new Handshake(initiator, responder.publicKey());
        responderSide = new Handshake(responder, initiator.publicKey());
        toResponder = new CookieGenerator(responder.publicKey());
        toInitiator = new CookieGenerator(initiator.publicKey());
        responderChecker = new CookieChecker(responder.publicKey());
    }

    @Benchmark
    public SessionKeys initiationAndResponse() {
        // Each initiation needs a newer timestamp and must not look like a flood: step both clocks a second.
        seconds++;
        nanos += 1_000_000_000L;
        byte[] init = initiatorSide.createInitiation(1, Tai64n.of(Instant.ofEpochSecond(1_700_000_000L + seconds)));
        toResponder.addMacs(init, nanos);
        if (!responderChecker.checkMac1(init)) {
            throw new IllegalStateException("mac1");
        }
        Handshake.OpenedInitiation opened = Handshake.openInitiation(responder, init);
        if (responderSide.consumeInitiation(opened, nanos) != Handshake.InitiationVerdict.ACCEPTED) {
            throw new IllegalStateException("initiation refused");
        }
        byte[] resp = responderSide.createResponse(2);
        toInitiator.addMacs(resp, nanos);
        if (!initiatorSide.consumeResponse(resp)) {
            throw new IllegalStateException("response refused");
        }
        responderSide.deriveKeys();
        return initiatorSide.deriveKeys();
    }
}
