package dev.warren.core.device;

import static dev.warren.core.testing.DevicePair.await;
import static dev.warren.core.testing.DevicePair.count;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.noise.Message;
import dev.warren.core.testing.DevicePair;
import dev.warren.core.testing.InMemoryNetwork.Datagram;
import dev.warren.core.testing.IpPackets;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DeviceDataTest {

    @Test
    void firstPacketTriggersHandshakeAndDataFlowsBothWays() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            byte[] sent = pair.sendAtoB(100, 1);
            byte[] got = pair.tunB.poll(10_000);
            assertArrayEquals(sent, got, "the staged packet is delivered once the handshake completes");
            assertEquals(1, count(pair.eventsA, DeviceEvent.HandshakeCompleted.class));
            assertEquals(new InetSocketAddress("192.0.2.1", pair.a.listenPort()), pair.peerAOnB.endpoint(),
                    "b learnt a's endpoint from the handshake");

            byte[] back = pair.sendBtoA(1280, 2);
            assertArrayEquals(back, pair.tunA.poll(10_000));
            byte[] v6 = IpPackets.ipv6("fd00::1", "fd00::2", 333, 3);
            pair.tunA.inject(v6);
            assertArrayEquals(v6, pair.tunB.poll(10_000));

            assertNotNull(pair.peerBOnA.lastHandshake());
            assertTrue(pair.peerBOnA.txBytes() > 0 && pair.peerBOnA.rxBytes() > 0);
            for (Datagram d : pair.network.log()) {
                switch (d.type()) {
                    case Message.TYPE_INITIATION -> assertEquals(Message.INITIATION_SIZE, d.data().length);
                    case Message.TYPE_RESPONSE -> assertEquals(Message.RESPONSE_SIZE, d.data().length);
                    case Message.TYPE_TRANSPORT -> assertEquals(0, (d.data().length - 32) % 16, "padded to 16");
                    default -> throw new AssertionError("unexpected message type " + d.type());
                }
            }
        }
    }

    @Test
    void handshakeInitiatedFromTheOtherSideWorksToo() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.peerAOnB.setEndpoint(new InetSocketAddress("192.0.2.1", pair.a.listenPort()));
            byte[] sent = pair.sendBtoA(60, 5);
            assertArrayEquals(sent, pair.tunA.poll(10_000));
            assertEquals(1, count(pair.eventsB, DeviceEvent.HandshakeInitiated.class));
            assertEquals(0, count(pair.eventsA, DeviceEvent.HandshakeInitiated.class));
            assertArrayEquals(pair.sendAtoB(70, 6), pair.tunB.poll(10_000));
        }
    }

    @Test
    void manyPacketsArriveInOrderDespiteParallelCrypto() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.roundTripAtoB(100, 0);
            int n = 2000;
            for (int i = 0; i < n; i++) {
                pair.sendAtoB(200 + (i % 1000), i);
            }
            for (int i = 0; i < n; i++) {
                byte[] got = pair.tunB.poll(10_000);
                assertNotNull(got, "packet " + i);
                assertEquals(200 + (i % 1000), got.length, "packet " + i + " in order");
                assertEquals((byte) (i + 20), got[20]);
            }
        }
    }

    @Test
    void replayedTransportIsDroppedAndOutOfOrderWithinTheWindowAccepted() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.roundTripAtoB(100, 0);
            pair.network.clearLog();
            for (int i = 0; i < 3; i++) {
                assertNotNull(pair.roundTripAtoB(100, i));
            }
            var transports = pair.network.log().stream().filter(d -> d.type() == Message.TYPE_TRANSPORT
                    && d.to().getPort() == 51820).toList();
            assertEquals(3, transports.size());
            Datagram first = transports.get(0);
            pair.network.inject(first.from(), first.to(), first.data());
            await("replay counted", () -> pair.b.dropped(Drop.REPLAYED) == 1);
            assertNull(pair.tunB.poll(50));

            // Hold two packets, deliver them in reverse order: both are accepted.
            pair.network.clearLog();
            pair.network.setFilter(d -> d.type() != Message.TYPE_TRANSPORT);
            pair.sendAtoB(101, 7);
            pair.sendAtoB(102, 8);
            await("two held", () -> pair.network.log().stream().filter(d -> d.type() == 4).count() == 2);
            var held = pair.network.log().stream().filter(d -> d.type() == 4).toList();
            pair.network.inject(held.get(1).from(), held.get(1).to(), held.get(1).data());
            assertEquals(102, pair.tunB.poll(10_000).length);
            pair.network.inject(held.get(0).from(), held.get(0).to(), held.get(0).data());
            assertEquals(101, pair.tunB.poll(10_000).length);
            assertEquals(1, pair.b.dropped(Drop.REPLAYED));
        }
    }

    @Test
    void lossyReorderingDuplicatingNetworkDeliversEachPacketAtMostOnce() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.roundTripAtoB(100, 0);
            pair.network.setLossRate(0.1);
            pair.network.setDuplicateRate(0.2);
            pair.network.setReorderRate(0.2);
            int n = 500;
            for (int i = 0; i < n; i++) {
                pair.sendAtoB(100 + i, i);
            }
            Quiesce.settle(pair);
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            byte[] got;
            while ((got = pair.tunB.poll(0)) != null) {
                assertTrue(seen.add(got.length), "packet of " + got.length + " bytes delivered twice");
            }
            assertTrue(seen.size() > n / 2 && seen.size() < n, "most but not all got through: " + seen.size());
            assertTrue(pair.b.dropped(Drop.REPLAYED) > 0, "duplicates were caught by the replay window");
        }
    }

    @Test
    void removingAPeerInMidTrafficStopsItCleanlyAndTheDeviceCarriesOn() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.roundTripAtoB(100, 0);
            for (int i = 0; i < 1500; i++) {
                pair.sendAtoB(1000, i);
                pair.sendBtoA(1000, i);
            }
            pair.b.removePeer(pair.a.publicKey());
            assertEquals(java.util.List.of(), pair.b.peers());
            Quiesce.settle(pair);

            Peer back = pair.b.addPeer(pair.a.publicKey());
            pair.b.addAllowedIp(back, dev.warren.core.config.IpNetwork.parse("10.0.0.1/32"));
            pair.clock.advance(java.time.Duration.ofSeconds(1));
            pair.peerBOnA.expireCurrentKeypairs();
            while (pair.tunB.poll(0) != null) {
                // packets that made it before the removal
            }
            byte[] again = pair.sendAtoB(99, 1);
            assertArrayEquals(again, pair.tunB.poll(10_000), "the socket and workers survived the removal");
        }
    }

    @Test
    void eventsNeverCarryKeyMaterial() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            dev.warren.core.config.Key psk = dev.warren.core.config.Key.generatePreshared();
            pair.peerBOnA.setPresharedKey(psk);
            pair.peerAOnB.setPresharedKey(psk);
            pair.roundTripAtoB(100, 0);
            pair.a.setListenPort(pair.a.listenPort() + 1);
            pair.roundTripAtoB(100, 1);
            java.util.List<String> secrets = java.util.List.of(pair.a.privateKey().toBase64(),
                    pair.b.privateKey().toBase64(), psk.toBase64(), pair.a.privateKey().toHex(), psk.toHex());
            assertTrue(pair.eventsA.size() + pair.eventsB.size() >= 4);
            for (DeviceEvent e : concat(pair.eventsA, pair.eventsB)) {
                for (String secret : secrets) {
                    assertFalse(e.toString().contains(secret), e.toString());
                }
            }
        }
    }

    private static java.util.List<DeviceEvent> concat(java.util.List<DeviceEvent> a, java.util.List<DeviceEvent> b) {
        java.util.List<DeviceEvent> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void packetFromAnAddressOutsideThePeersAllowedIpsIsDropped() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.roundTripAtoB(100, 0);
            // a routes 10.0.0.2 to b, but the source 10.9.9.9 is not among a's allowed IPs on b.
            pair.tunA.inject(IpPackets.ipv4("10.9.9.9", "10.0.0.2", 80, 1));
            await("disallowed source", () -> pair.b.dropped(Drop.DISALLOWED_SOURCE) == 1);
            pair.tunA.inject(IpPackets.ipv4("10.0.0.1", "10.0.0.99", 80, 1));
            await("no route", () -> pair.a.dropped(Drop.NO_ROUTE) == 1);
            assertEquals(0, pair.tunB.pending());
        }
    }

    @Test
    void roamingFollowsTheLastAuthenticatedPacket() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.roundTripAtoB(100, 0);
            int oldPort = pair.a.listenPort();
            pair.a.setListenPort(oldPort + 1000);
            assertNotNull(pair.roundTripAtoB(100, 1));
            assertEquals(oldPort + 1000, pair.peerAOnB.endpoint().getPort());
            assertTrue(pair.eventsB.stream().anyMatch(e -> e instanceof DeviceEvent.PeerRoamed r
                    && r.to().getPort() == oldPort + 1000));
            assertArrayEquals(pair.sendBtoA(90, 2), pair.tunA.poll(10_000), "b answers at the new endpoint");
        }
    }

    @Test
    void paddedWireLengthFollowsTheRuleForEverySizeUpToTheMtu() throws Exception {
        try (DevicePair pair = new DevicePair()) {
            pair.roundTripAtoB(100, 0);
            int mtu = DevicePair.MTU;
            for (int size = 20; size <= mtu; size++) {
                pair.network.clearLog();
                assertNotNull(pair.roundTripAtoB(size, size));
                int expectedPlain = Math.min((size + 15) / 16 * 16, mtu);
                var wire = pair.network.log().stream().filter(d -> d.type() == 4 && d.to().getPort() == 51820)
                        .toList();
                assertEquals(1, wire.size());
                assertEquals(32 + expectedPlain, wire.get(0).data().length, "plaintext of " + size + " bytes");
            }
            assertEquals(0, Padding.paddingFor(0, mtu));
            assertEquals(15, Padding.paddingFor(1, mtu));
            assertEquals(10, Padding.paddingFor(1410, mtu), "1420 is the cap, not 1424");
            assertEquals(0, Padding.paddingFor(1420, mtu));
        }
    }
}
