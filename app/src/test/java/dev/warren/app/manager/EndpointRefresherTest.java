package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.WgQuickParser;
import dev.warren.core.device.Device;
import dev.warren.core.device.DeviceEvent;
import dev.warren.core.device.Peer;
import dev.warren.core.testing.InMemoryNetwork;
import dev.warren.core.testing.InMemoryTun;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EndpointRefresherTest {

    @Test
    void aNamedEndpointIsResolvedAgainWhenHandshakesGoUnanswered() throws Exception {
        Key named = Key.generatePrivate().publicKey();
        Key literal = Key.generatePrivate().publicKey();
        TunnelConfig config = ((ParseResult.Valid) WgQuickParser.parse("t.conf", "[Interface]\n"
                + "PrivateKey = " + Key.generatePrivate().toBase64() + "\n"
                + "[Peer]\nPublicKey = " + named.toBase64() + "\nAllowedIPs = 10.0.1.0/24\nEndpoint = vpn.example.net:51820\n"
                + "[Peer]\nPublicKey = " + literal.toBase64() + "\nAllowedIPs = 10.0.2.0/24\nEndpoint = 192.0.2.7:51820\n"))
                .config();
        InetSocketAddress before = new InetSocketAddress("192.0.2.1", 51820);
        InetSocketAddress after = new InetSocketAddress("198.51.100.9", 51820);
        List<String> log = new CopyOnWriteArrayList<>();
        List<String> resolved = new CopyOnWriteArrayList<>();
        EndpointRefresher refresher = new EndpointRefresher(config, e -> {
            resolved.add(e.toString());
            return after;
        }, new TunnelEvents() {
            @Override
            public void log(String message) {
                log.add(message);
            }

            @Override
            public void failed(String reason) {
            }
        });
        try (Device device = new Device(new InMemoryTun("t", 1420), new InMemoryNetwork().newBind("192.0.2.100"))) {
            device.setPrivateKey(config.interfaceConfig().privateKey());
            Peer p = device.addPeer(named);
            p.setEndpoint(before);
            device.addPeer(literal).setEndpoint(new InetSocketAddress("192.0.2.7", 51820));
            refresher.attach(device);

            refresher.onEvent(new DeviceEvent.HandshakeGaveUp(literal));
            refresher.onEvent(new DeviceEvent.HandshakeCompleted(named, true));
            refresher.onEvent(new DeviceEvent.HandshakeGaveUp(named));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!after.equals(p.endpoint()) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(after, p.endpoint());
            assertEquals(List.of("vpn.example.net:51820"), resolved, "only the named endpoint, only on give-up");
            assertTrue(log.getFirst().endsWith(": vpn.example.net now resolves to 198.51.100.9:51820; sending handshakes there"),
                    log.toString());
        }
    }
}
