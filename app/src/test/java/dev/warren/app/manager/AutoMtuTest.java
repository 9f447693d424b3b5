package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.WgQuickParser;
import dev.warren.app.testing.Configs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoMtuTest {

    @TempDir
    Path dir;

    private AutoMtu withUplink(String iface, int mtu) throws IOException {
        Path route = dir.resolve("route");
        Files.writeString(route, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                + "eth1\t0010A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
                + iface + "\t00000000\t0110A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n");
        Files.createDirectories(dir.resolve("net").resolve(iface));
        Files.writeString(dir.resolve("net").resolve(iface).resolve("mtu"), mtu + "\n");
        return new AutoMtu(route, dir.resolve("net"));
    }

    private static TunnelConfig config(String text) {
        return ((ParseResult.Valid) WgQuickParser.parse("t.conf", text)).config();
    }

    @Test
    void defaultRouteInterfaceMinusEighty() throws IOException {
        assertEquals(9000 - 80, withUplink("wlan0", 9000).mtuFor(config(Configs.tunnel("10.0.0.2/24", "10.0.0.0/24"))));
    }

    @Test
    void floorsPerAddressFamily() throws IOException {
        AutoMtu small = withUplink("ppp0", 600);
        assertEquals(576, small.mtuFor(config(Configs.tunnel("10.0.0.2/24", "10.0.0.0/24"))));
        assertEquals(1280, small.mtuFor(config(Configs.tunnel("10.0.0.2/24", "10.0.0.0/24, fd00::/64"))));
    }

    @Test
    void anExplicitMtuWinsAndNoRouteMeans1500() throws IOException {
        AutoMtu none = new AutoMtu(dir.resolve("missing"), dir);
        assertEquals(1420, none.mtuFor(config(Configs.tunnel("10.0.0.2/24", "10.0.0.0/24"))));
        assertEquals(1380, none.mtuFor(config(Configs.tunnel("10.0.0.2/24", "10.0.0.0/24")
                .replace("Address", "MTU = 1380\nAddress"))));
    }
}
