package dev.warren.core.device;

import static dev.warren.core.device.Quiesce.advance;
import static dev.warren.core.device.Quiesce.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Endpoint;
import dev.warren.core.testing.DevicePair;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Re-resolution of a peer's host name while its handshakes fail, with a resolver table the test changes. */
class EndpointReresolverTest {

    private static final Duration TENTH = Duration.ofMillis(100);
    private static final InetSocketAddress OLD = new InetSocketAddress("192.0.2.9", 51820);
    /** Where device b listens. */
    private static final InetSocketAddress MOVED = new InetSocketAddress("192.0.2.2", 51820);

    private final Map<String, InetSocketAddress> dns = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();

    private InetSocketAddress lookUp(Endpoint e) throws UnknownHostException {
        lookups.incrementAndGet();
        InetSocketAddress a = dns.get(e.host());
        if (a == null) {
            throw new UnknownHostException(e.host() + ": no such name");
        }
        return a;
    }

    @Test
    void serverThatMovedIsFoundAgainAfterThreeFailedAttempts() throws Exception {
        dns.put("vpn.example", OLD);
        EndpointReresolver reresolver = new EndpointReresolver(this::lookUp, 3, log::add);
        try (DevicePair pair = new DevicePair(reresolver)) {
            reresolver.attach(pair.a);
            Endpoint configured = Endpoint.parse("vpn.example:51820");
            pair.peerBOnA.setEndpoint(OLD);
            reresolver.track(pair.peerBOnA.publicKey(), configured);
            lookups.set(0);

            byte[] sent = pair.sendAtoB(100, 1);
            settle(pair);
            advance(pair, Duration.ofSeconds(12), TENTH);
            assertEquals(0, lookups.get(), "three attempts (0, 5, 10 s) are not yet a reason to look the name up");

            dns.put("vpn.example", MOVED);
            advance(pair, Duration.ofMillis(4500), TENTH);
            DevicePair.await("the fourth attempt re-resolves", () -> MOVED.equals(pair.peerBOnA.endpoint()));
            assertEquals(1, lookups.get());
            assertEquals(List.of("peer " + pair.peerBOnA.publicKey().toBase64()
                    + ": handshake not completing, vpn.example re-resolved: 192.0.2.9:51820 → 192.0.2.2:51820"), log);
            assertTrue(pair.eventsA.contains(new DeviceEvent.EndpointChanged(pair.peerBOnA.publicKey(), OLD, MOVED)),
                    "the move is an event, for a kill-switch to follow: " + pair.eventsA);

            advance(pair, Duration.ofSeconds(6), TENTH);
            byte[] delivered = pair.tunB.poll(10_000);
            assertNotNull(delivered, "the next retry reached the moved server and the staged packet followed");
            assertEquals(sent.length, delivered.length);
            assertTrue(pair.peerBOnA.hasCurrentKeypair());
        }
    }

    @Test
    void onlyAnEndpointThatChangesIsAnEvent() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.peerBOnA.setEndpoint(OLD);
            pair.eventsA.clear();
            pair.peerBOnA.setEndpoint(OLD);
            pair.peerBOnA.setEndpoint(null);
            assertEquals(List.of(), pair.eventsA, "the same endpoint again, or none, is no move");
            pair.peerBOnA.setEndpoint(MOVED);
            assertEquals(List.of(new DeviceEvent.EndpointChanged(pair.peerBOnA.publicKey(), null, MOVED)),
                    pair.eventsA, "reported before setEndpoint returned");
        }
    }

    @Test
    void literalEndpointsAndWorkingPeersAreNeverLookedUp() throws Exception {
        EndpointReresolver reresolver = new EndpointReresolver(this::lookUp, 1, log::add);
        try (DevicePair pair = new DevicePair(reresolver)) {
            reresolver.attach(pair.a);
            // A literal is what it is: nothing to look up, however often the handshake fails.
            reresolver.track(pair.peerBOnA.publicKey(), Endpoint.parse("192.0.2.9:51820"));
            pair.peerBOnA.setEndpoint(OLD);
            pair.sendAtoB(100, 1);
            settle(pair);
            advance(pair, Duration.ofSeconds(16), TENTH);
            assertTrue(DevicePair.count(pair.eventsA, DeviceEvent.HandshakeInitiated.class) >= 4);
            assertEquals(0, lookups.get());

            // A name whose handshakes succeed at once is never looked up again either.
            dns.put("vpn.example", MOVED);
            reresolver.track(pair.peerBOnA.publicKey(), Endpoint.parse("vpn.example:51820"));
            pair.peerBOnA.setEndpoint(MOVED);
            advance(pair, Duration.ofSeconds(6), TENTH);
            assertTrue(pair.peerBOnA.hasCurrentKeypair());
            int after = lookups.get();
            assertNotNull(pair.roundTripAtoB(100, 2));
            advance(pair, Duration.ofSeconds(30), Duration.ofSeconds(1));
            assertEquals(after, lookups.get(), "no lookups while handshakes succeed");
        }
    }

    @Test
    void failedLookupIsLoggedAndKeepsTheEndpoint() throws Exception {
        EndpointReresolver reresolver = new EndpointReresolver(this::lookUp, 1, log::add);
        try (DevicePair pair = new DevicePair(reresolver)) {
            reresolver.attach(pair.a);
            reresolver.track(pair.peerBOnA.publicKey(), Endpoint.parse("gone.example:51820"));
            pair.peerBOnA.setEndpoint(OLD);
            pair.sendAtoB(100, 1);
            settle(pair);
            advance(pair, Duration.ofSeconds(6), TENTH);
            DevicePair.await("a lookup and its log line", () -> !log.isEmpty());
            assertTrue(lookups.get() >= 1);
            assertTrue(log.getFirst().contains("gone.example:51820 cannot be resolved"), log.toString());
            assertEquals(OLD, pair.peerBOnA.endpoint());
        }
    }
}
