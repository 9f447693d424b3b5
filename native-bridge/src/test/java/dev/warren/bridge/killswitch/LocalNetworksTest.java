package dev.warren.bridge.killswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.core.config.IpNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
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
        assertEquals(fromIp(null), new HashSet<>(LocalNetworks.connectedSubnets(Integer.MAX_VALUE)));
    }

    @Test
    void leavesOutTheTunnelByItsIndex() throws Exception {
        // "2: eth0@if5: <...": index and name of the first interface that is not loopback.
        String[] first = new String(new ProcessBuilder("ip", "-o", "link", "show", "up").start().getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.split(":\\s+"))
                .filter(f -> !f[1].equals("lo")).findFirst().orElseThrow();
        String name = first[1].replaceFirst("@.*", "");
        assertEquals(fromIp(name), new HashSet<>(LocalNetworks.connectedSubnets(Integer.parseInt(first[0]))));
    }

    /**
     * As Java shows a Windows machine: interfaces named net7 or eth3 whatever the adapter is called, so only the
     * index tells the tunnel (here 23, holding the tunnel's own 10.66.0.0/24) from the Wi-Fi.
     */
    @Test
    void onWindowsTheTunnelsSubnetIsNeverCountedAsLan() {
        List<LocalNetworks.Interface> windows = List.of(
                new LocalNetworks.Interface(1, true, true, List.of(IpNetwork.parse("127.0.0.1/8"))),
                new LocalNetworks.Interface(11, true, false, List.of(IpNetwork.parse("192.168.1.23/24"),
                        IpNetwork.parse("fe80::1c2d:3e4f:5a6b:7c8d/64"), IpNetwork.parse("2001:db8:5::23/64"))),
                new LocalNetworks.Interface(23, true, false, List.of(IpNetwork.parse("10.66.0.1/24"),
                        IpNetwork.parse("fd66::1/64"))),
                new LocalNetworks.Interface(31, false, false, List.of(IpNetwork.parse("172.20.0.5/16"))));
        assertEquals(List.of(IpNetwork.parse("192.168.1.0/24"), IpNetwork.parse("2001:db8:5::/64")),
                LocalNetworks.connectedSubnets(windows, 23));
        assertEquals(List.of(IpNetwork.parse("192.168.1.0/24"), IpNetwork.parse("2001:db8:5::/64"),
                IpNetwork.parse("10.66.0.0/24"), IpNetwork.parse("fd66::/64")),
                LocalNetworks.connectedSubnets(windows, 99), "the same interfaces with another tunnel");
    }
}
