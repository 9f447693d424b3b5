package dev.warren.core.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.Key;
import dev.warren.core.testing.FakeClock;
import dev.warren.core.testing.InMemoryNetwork;
import dev.warren.core.testing.InMemoryTun;
import dev.warren.core.testing.IpPackets;
import dev.warren.core.uapi.UapiSession;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two devices configured only through the UAPI text protocol, as wg(8) would. */
class DeviceUapiTest {

    private static String uapi(Device device, String request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new UapiSession(new DeviceUapi(device),
                new ByteArrayInputStream(request.getBytes(StandardCharsets.ISO_8859_1)), out).serve();
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void configuredThroughUapiTheDevicesTalkAndGetReportsTheirState() throws Exception {
        FakeClock clock = new FakeClock();
        InMemoryNetwork net = new InMemoryNetwork();
        InMemoryTun tunA = new InMemoryTun("a", 1420);
        InMemoryTun tunB = new InMemoryTun("b", 1420);
        Key ka = Key.generatePrivate();
        Key kb = Key.generatePrivate();
        Key psk = Key.generatePreshared();
        try (Device a = new Device(tunA, net.newBind("192.0.2.1"), clock, DeviceListener.NONE);
                Device b = new Device(tunB, net.newBind("192.0.2.2"), clock, DeviceListener.NONE)) {
            assertEquals("errno=0\n\n", uapi(a, "get=1\n\n"), "no key, no port, no peers yet");
            assertEquals("errno=0\n\n", uapi(a, "set=1\nprivate_key=" + ka.toHex() + "\nlisten_port=51000\n"
                    + "public_key=" + kb.publicKey().toHex() + "\npreshared_key=" + psk.toHex()
                    + "\nendpoint=192.0.2.2:51820\nallowed_ip=10.0.0.2/32\n\n"));
            assertEquals("errno=0\n\n", uapi(b, "set=1\nprivate_key=" + kb.toHex() + "\nlisten_port=51820\n"
                    + "public_key=" + ka.publicKey().toHex() + "\npreshared_key=" + psk.toHex()
                    + "\nallowed_ip=10.0.0.1/32\n\n"));
            a.up();
            b.up();
            byte[] packet = IpPackets.ipv4("10.0.0.1", "10.0.0.2", 84, 1);
            tunA.inject(packet);
            assertArrayEquals(packet, tunB.poll(10_000));

            String get = uapi(b, "get=1\n\n");
            assertTrue(get.startsWith("private_key=" + kb.toHex() + "\nlisten_port=51820\npublic_key="
                    + ka.publicKey().toHex() + "\npreshared_key=" + psk.toHex() + "\nprotocol_version=1\n"
                    + "endpoint=192.0.2.1:51000\n"), get);
            assertTrue(get.contains("\nlast_handshake_time_sec=1767225600\n"), get);
            assertTrue(get.contains("\nallowed_ip=10.0.0.1/32\n"), get);
            assertTrue(get.endsWith("errno=0\n\n"), get);
            assertTrue(b.peer(ka.publicKey()).rxBytes() > 0);
        }
    }

    @Test
    void aListenPortInUseIsRefusedAndChangesNothing() throws Exception {
        InMemoryNetwork net = new InMemoryNetwork();
        Key ka = Key.generatePrivate();
        Key other = Key.generatePrivate();
        try (Device a = new Device(new InMemoryTun("a", 1420), net.newBind("192.0.2.1"), new FakeClock(),
                DeviceListener.NONE);
                Device squatter = new Device(new InMemoryTun("s", 1420), net.newBind("192.0.2.1"), new FakeClock(),
                        DeviceListener.NONE)) {
            uapi(a, "set=1\nprivate_key=" + ka.toHex() + "\nlisten_port=51000\n\n");
            a.up();
            squatter.setListenPort(52000);
            squatter.up();
            String reply = uapi(a, "set=1\nprivate_key=" + other.toHex() + "\nlisten_port=52000\n"
                    + "public_key=" + Key.generatePrivate().publicKey().toHex() + "\n\n");
            assertEquals("errno=-98\n\n", reply, "wireguard-go sends the errno negated");
            assertEquals(ka, a.privateKey());
            assertEquals(51000, a.listenPort(), "still bound to the old port");
            assertEquals(List.of(), a.peers());
        }
    }

    @Test
    void removeUpdateOnlyAndReplaceAllowedIps() throws Exception {
        Key ka = Key.generatePrivate();
        Key p1 = Key.generatePrivate().publicKey();
        Key p2 = Key.generatePrivate().publicKey();
        try (Device a = new Device(new InMemoryTun("a", 1420), new InMemoryNetwork().newBind("192.0.2.1"),
                new FakeClock(), DeviceListener.NONE)) {
            uapi(a, "set=1\nprivate_key=" + ka.toHex() + "\npublic_key=" + p1.toHex()
                    + "\nallowed_ip=10.1.0.0/16\nallowed_ip=10.2.0.0/16\n\n");
            uapi(a, "set=1\npublic_key=" + p2.toHex() + "\nupdate_only=true\nallowed_ip=10.9.0.0/16\n"
                    + "public_key=" + p1.toHex() + "\nreplace_allowed_ips=true\nallowed_ip=10.3.0.0/16\n"
                    + "public_key=" + ka.publicKey().toHex() + "\n\n");
            assertNull(a.peer(p2), "update_only never creates");
            assertEquals(1, a.peers().size(), "our own public key is ignored as a peer");
            assertEquals(List.of(IpNetwork.parse("10.3.0.0/16")), a.allowedIps(a.peer(p1)));
            uapi(a, "set=1\npublic_key=" + p1.toHex() + "\nremove=true\n\n");
            assertEquals(List.of(), a.peers());
            assertNull(a.allowedIps.lookup(IpNetwork.parseLiteral("10.3.0.1")));
        }
    }
}
