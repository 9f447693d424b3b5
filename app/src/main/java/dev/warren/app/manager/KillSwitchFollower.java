package dev.warren.app.manager;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchException;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.device.Device;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.device.DeviceListener;
import dev.warren.core.device.Peer;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Keeps a running tunnel's kill-switch in step with it: the endpoint exception with the peers' endpoints when
 * the engine moves one (a name resolved again, a server that roamed), and the local-network exception with the
 * uplink's subnets when the network watcher reports a connected subnet come or gone. Each time the whole policy
 * is worked out again from the device and the interfaces as they are now, and only a difference reaches the
 * switch, so repeated or reordered notifications do no harm.
 *
 * <p>A configured move ({@link DeviceEvent.EndpointChanged}) is followed before the engine can send there: it
 * arrives on the configuring thread, before {@link Peer#setEndpoint} makes the new address the peer's. Roaming arrives on the packet path
 * and a LAN change on the watcher's thread, neither of which may wait for {@code nft}: those are followed on a
 * virtual thread, one round at a time, coalesced while one is pending.
 */
final class KillSwitchFollower implements DeviceListener {

    /** The uplink's directly connected subnets now ({@code LocalNetworks.connectedSubnets} outside tests). */
    @FunctionalInterface
    interface UplinkSubnets {
        List<IpNetwork> read() throws KillSwitchException;
    }

    private final KillSwitch.Active active;
    private final UplinkSubnets subnets;
    private final Consumer<String> log;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Device device;

    KillSwitchFollower(KillSwitch.Active active, UplinkSubnets subnets, Consumer<String> log) {
        this.active = Objects.requireNonNull(active, "active");
        this.subnets = Objects.requireNonNull(subnets, "subnets");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * The device whose endpoints are followed, once its peers are configured as the switch was built: events
     * before this (the start sequence setting each peer's endpoint) are ignored.
     */
    void attach(Device device) {
        this.device = Objects.requireNonNull(device, "device");
    }

    @Override
    public void onEvent(DeviceEvent event) {
        switch (event) {
            case DeviceEvent.EndpointChanged e -> follow(e.peer(), e.to());
            case DeviceEvent.PeerRoamed e -> followLater();
            default -> {
            }
        }
    }

    /** The network watcher saw a connected subnet come or go (its thread: return at once). */
    void localNetworksChanged() {
        if (active.policy().allowLocalNetwork()) {
            followLater();
        }
    }

    private void followLater() {
        if (pending.compareAndSet(false, true)) {
            Thread.ofVirtual().name("warren-killswitch-follow").start(() -> {
                pending.set(false);
                follow(null, null);
            });
        }
    }

    /**
     * Brings the switch in line with the peers' endpoints and the uplink's subnets.
     *
     * @param moving a peer whose endpoint is about to become {@code to} (reported before it takes effect), or null
     */
    private synchronized void follow(Key moving, InetSocketAddress to) {
        Device d = device;
        if (d == null) {
            return;
        }
        KillSwitchPolicy now = active.policy();
        List<InetSocketAddress> endpoints = new ArrayList<>();
        for (Peer p : d.peers()) {
            InetSocketAddress endpoint = p.publicKey().equals(moving) ? to : p.endpoint();
            if (endpoint != null) {
                endpoints.add(endpoint);
            }
        }
        KillSwitchPolicy next = now.withEndpoints(endpoints);
        try {
            if (now.allowLocalNetwork()) {
                next = next.withUplinkSubnets(subnets.read());
            }
            if (!Set.copyOf(next.endpoints()).equals(Set.copyOf(now.endpoints()))
                    || !Set.copyOf(next.localNetworks()).equals(Set.copyOf(now.localNetworks()))) {
                active.update(next);
                log.accept("the kill-switch follows the tunnel: " + next.describe());
            }
        } catch (KillSwitchException e) {
            log.accept("the kill-switch could not follow the tunnel (" + e.getMessage() + "); still in force: "
                    + active.policy().describe());
        }
    }
}
