package dev.warren.core.device;

import dev.warren.core.config.Endpoint;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Looks up again the host name of a peer whose handshakes keep failing, and points the peer at the new address:
 * a server that moved to a new IP (dynamic DNS, a re-provisioned VPS) is found again without restarting the
 * tunnel. wireguard-go and wireguard-windows resolve a name once, when the config is applied.
 *
 * <p>It listens to the device's events: when the handshake with a tracked peer has been retried
 * {@code everyAttempts} times without success (every {@code everyAttempts} × REKEY_TIMEOUT, ~15 s with 3), and
 * when the device gives up on it, the name is resolved on a virtual thread, never on the device's own threads;
 * at most one lookup per peer runs at a time. A changed address is set as the peer's endpoint and logged as
 * {@code old → new}; the next retry goes there.
 *
 * <p>Only names are tracked ({@link #track} ignores IP literals): in {@code warren userspace} mode the config
 * arrives over the UAPI with addresses only, so this belongs where configs with names are applied (the
 * manager's tunnel driver).
 */
public final class EndpointReresolver implements DeviceListener {

    /** Resolves an endpoint's name; {@link Endpoint#resolve()} in production, a changeable table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetSocketAddress resolve(Endpoint endpoint) throws UnknownHostException;
    }

    private final Resolver resolver;
    private final Consumer<String> log;
    private final int everyAttempts;
    private final Map<Key, Endpoint> tracked = new ConcurrentHashMap<>();
    private final Set<Key> inFlight = ConcurrentHashMap.newKeySet();
    private volatile Device device;

    /**
     * @param everyAttempts re-resolve after this many initiations in a row got no answer (at least 1)
     * @param log           receives one line per change or failed lookup (names and addresses, never keys' secrets)
     */
    public EndpointReresolver(Resolver resolver, int everyAttempts, Consumer<String> log) {
        if (everyAttempts < 1) {
            throw new IllegalArgumentException("everyAttempts must be at least 1, not " + everyAttempts);
        }
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.everyAttempts = everyAttempts;
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Re-resolution with the system resolver every 3 failed attempts (~15 s). */
    public static EndpointReresolver withSystemResolver(Consumer<String> log) {
        return new EndpointReresolver(Endpoint::resolve, 3, log);
    }

    /**
     * The device whose peers are updated. A device takes its listener when it is created, so the two are joined
     * afterwards; events before this are ignored.
     */
    public void attach(Device device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    /** Re-resolves {@code peer}'s endpoint when its handshakes fail, if the endpoint is a name. */
    public void track(Key peer, Endpoint configured) {
        if (configured.isLiteral()) {
            tracked.remove(peer);
        } else {
            tracked.put(peer, configured);
        }
    }

    public void untrack(Key peer) {
        tracked.remove(peer);
    }

    @Override
    public void onEvent(DeviceEvent event) {
        switch (event) {
            case DeviceEvent.HandshakeInitiated e when e.attempt() > 1 && (e.attempt() - 1) % everyAttempts == 0 ->
                    reresolve(e.peer());
            case DeviceEvent.HandshakeGaveUp e -> reresolve(e.peer());
            default -> {
            }
        }
    }

    private void reresolve(Key peer) {
        Endpoint endpoint = tracked.get(peer);
        Device d = device;
        if (endpoint == null || d == null || !inFlight.add(peer)) {
            return;
        }
        Thread.ofVirtual().name("reresolve " + endpoint.host()).start(() -> {
            try {
                InetSocketAddress fresh = resolver.resolve(endpoint);
                Peer p = d.peer(peer);
                if (p == null || !endpoint.equals(tracked.get(peer))) {
                    return; // removed or reconfigured meanwhile
                }
                InetSocketAddress old = p.endpoint();
                if (!fresh.equals(old)) {
                    p.setEndpoint(fresh);
                    log.accept("peer " + peer.toBase64() + ": handshake not completing, " + endpoint.host()
                            + " re-resolved: " + format(old) + " → " + format(fresh));
                }
            } catch (UnknownHostException | RuntimeException e) {
                log.accept("peer " + peer.toBase64() + ": handshake not completing and " + endpoint
                        + " cannot be resolved: " + e.getMessage());
            } finally {
                inFlight.remove(peer);
            }
        });
    }

    private static String format(InetSocketAddress a) {
        if (a == null) {
            return "(none)";
        }
        String host = IpNetwork.format(a.getAddress());
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
