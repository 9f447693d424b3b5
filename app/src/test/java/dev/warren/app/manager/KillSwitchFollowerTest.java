package dev.warren.app.manager;

import static dev.warren.core.testing.DevicePair.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.killswitch.KillSwitch;
import dev.warren.bridge.killswitch.KillSwitchException;
import dev.warren.bridge.killswitch.KillSwitchPolicy;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.testing.DevicePair;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The follower against an in-memory engine and a switch that records its updates. */
class KillSwitchFollowerTest {

    /** Where DevicePair points a's peer. */
    private static final InetSocketAddress B = new InetSocketAddress("192.0.2.2", 51820);
    private static final InetSocketAddress MOVED = new InetSocketAddress("198.51.100.7", 51820);
    private static final IpNetwork HOME = IpNetwork.parse("192.168.1.0/24");
    private static final IpNetwork CAFE = IpNetwork.parse("10.20.0.0/22");

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicReference<List<IpNetwork>> uplink = new AtomicReference<>(List.of(HOME));

    /** Records every update; refuses them while {@link #refusing} is set, as nft would. */
    private static final class RecordingSwitch implements KillSwitch.Active {
        final List<KillSwitchPolicy> updates = new CopyOnWriteArrayList<>();
        /** Run at each update: what the engine would send to at that moment. */
        volatile Runnable duringUpdate = () -> { };
        volatile KillSwitchPolicy policy;
        volatile boolean refusing;

        RecordingSwitch(KillSwitchPolicy policy) {
            this.policy = policy;
        }

        @Override
        public KillSwitchPolicy policy() {
            return policy;
        }

        @Override
        public void update(KillSwitchPolicy next) throws KillSwitchException {
            if (refusing) {
                throw new KillSwitchException("nft exited with 1: no such table");
            }
            duringUpdate.run();
            updates.add(next);
            policy = next;
        }

        @Override
        public void close() {
        }
    }

    private RecordingSwitch installed(boolean allowLan) {
        return new RecordingSwitch(new KillSwitchPolicy("wg0", OptionalLong.empty(), List.of(B), OptionalLong.empty(),
                List.of(), allowLan, List.of()).withUplinkSubnets(uplink.get()));
    }

    @Test
    void aConfiguredMoveIsInForceBeforeSetEndpointReturns() throws Exception {
        RecordingSwitch active = installed(false);
        KillSwitchFollower follower = new KillSwitchFollower(active, uplink::get, log::add);
        try (DevicePair pair = new DevicePair(follower)) {
            follower.attach(pair.a);
            List<Object> engineSendsTo = new CopyOnWriteArrayList<>();
            active.duringUpdate = () -> engineSendsTo.add(pair.peerBOnA.endpoint());
            pair.peerBOnA.setEndpoint(MOVED);
            assertEquals(List.of(MOVED), active.policy().endpoints(), "updated on the setting thread");
            assertEquals(List.of(B), engineSendsTo, "the switch let the new address through before the engine used it");
            assertEquals(1, active.updates.size());
            assertTrue(log.getLast().startsWith("the kill-switch follows the tunnel: kill-switch on wg0: endpoints "
                    + "[198.51.100.7:51820]"), log.toString());

            pair.peerBOnA.setEndpoint(MOVED);
            follower.onEvent(new DeviceEvent.EndpointChanged(pair.peerBOnA.publicKey(), B, MOVED));
            assertEquals(1, active.updates.size(), "nothing new, no update");
        }
    }

    @Test
    void roamingIsFollowedOffThePacketPath() throws Exception {
        RecordingSwitch active = installed(false);
        KillSwitchFollower follower = new KillSwitchFollower(active, uplink::get, log::add);
        try (DevicePair pair = new DevicePair()) {
            follower.attach(pair.a);
            pair.peerBOnA.setEndpoint(MOVED);
            follower.onEvent(new DeviceEvent.PeerRoamed(pair.peerBOnA.publicKey(), B, MOVED));
            await("the roamed endpoint let through", () -> active.policy().endpoints().equals(List.of(MOVED)));
        }
    }

    @Test
    void aNewLanReplacesTheOldOneOnlyWithAllowLocalNetwork() throws Exception {
        RecordingSwitch lan = installed(true);
        RecordingSwitch noLan = installed(false);
        try (DevicePair pair = new DevicePair()) {
            KillSwitchFollower withLan = new KillSwitchFollower(lan, uplink::get, log::add);
            KillSwitchFollower withoutLan = new KillSwitchFollower(noLan, uplink::get, log::add);
            withLan.attach(pair.a);
            withoutLan.attach(pair.a);
            assertTrue(lan.policy().localNetworks().contains(HOME));

            uplink.set(List.of(CAFE));
            withLan.localNetworksChanged();
            withoutLan.localNetworksChanged();
            await("the café's subnet replaces home's", () -> lan.policy().localNetworks().contains(CAFE)
                    && !lan.policy().localNetworks().contains(HOME));
            assertTrue(lan.policy().localNetworks().containsAll(KillSwitchPolicy.LINK_LOCAL_NETWORKS));
            // The follower is synchronized: a configured move goes after any round still running.
            pair.peerBOnA.setEndpoint(MOVED);
            withoutLan.onEvent(new DeviceEvent.EndpointChanged(pair.peerBOnA.publicKey(), B, MOVED));
            assertEquals(List.of(List.of(MOVED)), noLan.updates.stream().map(KillSwitchPolicy::endpoints).toList(),
                    "without allow-LAN only the endpoint changed");
            assertEquals(List.of(), noLan.policy().localNetworks());
        }
    }

    @Test
    void aRefusedUpdateIsLoggedAndTheOldExceptionsStay() throws Exception {
        RecordingSwitch active = installed(false);
        active.refusing = true;
        KillSwitchFollower follower = new KillSwitchFollower(active, uplink::get, log::add);
        try (DevicePair pair = new DevicePair(follower)) {
            follower.attach(pair.a);
            pair.peerBOnA.setEndpoint(MOVED);
            assertEquals(List.of(B), active.policy().endpoints());
            assertEquals("the kill-switch could not follow the tunnel (nft exited with 1: no such table); still in "
                    + "force: kill-switch on wg0: endpoints [192.0.2.2:51820], DNS through the tunnel to any server, "
                    + "local network blocked", log.getLast());
        }
    }
}
