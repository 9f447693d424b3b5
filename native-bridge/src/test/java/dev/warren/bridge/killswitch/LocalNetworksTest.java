package dev.warren.bridge.killswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.core.config.IpNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Against this machine's own interfaces as {@code ip} reports them; nothing is changed or sent. */
class LocalNetworksTest {

    /** {@code ip -o addr show up}: one line per address, e.g. {@code 2: eth0    inet 10.0.0.2/24 brd ... scope global eth0}. */
    private static Set<IpNetwork> fromIp(String excluded) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "-o", "addr", "show", "up").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        Set<IpNetwork> nets = new HashSet<>();
        for (String line : out.lines().toList()) {
            String[] f = line.trim().split("\\s+");
            String ifname = f[1].replaceFirst("@.*", "");
            if (ifname.equals("lo") || ifname.equals(excluded) || line.contains(" scope link ")) {
                continue;
            }
            nets.add(IpNetwork.parse(f[3]).masked());
        }
        return nets;
    }

    @Test
    void reportsTheOnLinkSubnetsOfTheUpInterfacesButLoopbackAndLinkLocal() throws Exception {
        assertEquals(fromIp(null), new HashSet<>(LocalNetworks.connectedSubnets("none-such")));
    }

    @Test
    void leavesOutTheTunnel() throws Exception {
        String first = new String(new ProcessBuilder("ip", "-o", "link", "show", "up").start().getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split(":\\s+")[1].replaceFirst("@.*", ""))
                .filter(n -> !n.equals("lo")).findFirst().orElse("none-such");
        assertEquals(fromIp(first), new HashSet<>(LocalNetworks.connectedSubnets(first)));
    }
}
