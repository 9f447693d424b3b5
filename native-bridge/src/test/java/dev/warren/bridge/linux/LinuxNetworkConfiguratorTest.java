package dev.warren.bridge.linux;

import dev.warren.bridge.PolicyRule;
import dev.warren.bridge.Route;
import dev.warren.bridge.RouteLookup;
import dev.warren.core.config.IpNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("netns")
class LinuxNetworkConfiguratorTest {

    private NetNs ns;
    private LinuxNetworkConfigurator net;
    private int index;

    @BeforeEach
    void setUp() throws Exception {
        ns = NetNs.create("wcfg");
        ns.exec("ip", "link", "add", "wdum0", "type", "veth", "peer", "name", "wdum1");
        net = ns.call(LinuxNetworkConfigurator::new);
        index = net.interfaceIndex("wdum0");
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (net != null) {
                net.close();
            }
        } finally {
            ns.close();
        }
    }

    @Test
    void interfaceIndexMatchesIpAndUnknownNamesFail() throws Exception {
        assertTrue(ns.exec("ip", "-j", "link", "show", "dev", "wdum0").contains("\"ifindex\":" + index + ","));
        IOException e = assertThrows(IOException.class, () -> net.interfaceIndex("wnothere0"));
        assertTrue(e.getMessage().contains("wnothere0"), e.getMessage());
    }

    @Test
    void mtuAndLinkState() throws Exception {
        net.setMtu(index, 1380);
        net.setUp(index, true);
        String link = ns.exec("ip", "-j", "link", "show", "dev", "wdum0");
        assertTrue(link.contains("\"mtu\":1380"), link);
        assertTrue(link.matches("(?s).*\"flags\":\\[[^]]*\"UP\".*"), link);
        net.setUp(index, false);
        assertFalse(ns.exec("ip", "-j", "link", "show", "dev", "wdum0").matches("(?s).*\"flags\":\\[[^]]*\"UP\".*"));
    }

    @Test
    void addressesV4AndV6() throws Exception {
        net.addAddress(index, IpNetwork.parse("10.1.2.3/24"));
        net.addAddress(index, IpNetwork.parse("fd00:77::1/64"));
        String addrs = ns.exec("ip", "-j", "addr", "show", "dev", "wdum0");
        assertTrue(addrs.contains("\"local\":\"10.1.2.3\",\"prefixlen\":24"), addrs);
        assertTrue(addrs.contains("\"local\":\"fd00:77::1\",\"prefixlen\":64"), addrs);

        NetlinkException dup = assertThrows(NetlinkException.class,
                () -> net.addAddress(index, IpNetwork.parse("10.1.2.3/24")));
        assertEquals(17, dup.errno());
        assertTrue(dup.getMessage().startsWith("add address 10.1.2.3/24 to interface #" + index + ": File exists"),
                dup.getMessage());

        net.removeAddress(index, IpNetwork.parse("10.1.2.3/24"));
        net.removeAddress(index, IpNetwork.parse("fd00:77::1/64"));
        addrs = ns.exec("ip", "-j", "addr", "show", "dev", "wdum0");
        assertFalse(addrs.contains("10.1.2.3"), addrs);
        assertFalse(addrs.contains("fd00:77::1"), addrs);
    }

    @Test
    void routesInMainAndOtherTablesIncludingDefault() throws Exception {
        net.setUp(index, true);
        Route v4 = new Route(IpNetwork.parse("192.168.77.9/24"), index, Route.MAIN_TABLE, 50);
        Route v6 = new Route(IpNetwork.parse("2001:db8::/32"), index, 1234, 0);
        Route dflt = new Route(IpNetwork.parse("0.0.0.0/0"), index, 51820, 0);
        net.addRoute(v4);
        net.addRoute(v6);
        net.addRoute(dflt);
        String main = ns.exec("ip", "-j", "route", "show", "dev", "wdum0");
        assertTrue(main.contains("\"dst\":\"192.168.77.0/24\"") && main.contains("\"metric\":50"), main);
        assertTrue(ns.exec("ip", "-j", "-6", "route", "show", "table", "1234").contains("\"dst\":\"2001:db8::/32\""));
        assertTrue(ns.exec("ip", "-j", "route", "show", "table", "51820").contains("\"dst\":\"default\""));

        net.removeRoute(v4);
        net.removeRoute(v6);
        net.removeRoute(dflt);
        assertFalse(ns.exec("ip", "route", "show", "dev", "wdum0").contains("192.168.77.0"));
        assertEquals("", ns.exec("ip", "-6", "route", "show", "table", "1234").strip());
        assertEquals("", ns.exec("ip", "route", "show", "table", "51820").strip());
    }

    @Test
    void kernelRefusalIsAClearException() {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> net.addRoute(Route.of(IpNetwork.parse("10.99.0.0/16"), 99999)));
        assertEquals(19, e.errno());
        assertTrue(e.getMessage().startsWith("add route 10.99.0.0/16 dev #99999 table 254: No such device"),
                e.getMessage());
        NetlinkException gone = assertThrows(NetlinkException.class,
                () -> net.removeAddress(index, IpNetwork.parse("10.200.0.1/32")));
        assertTrue(gone.getMessage().startsWith("remove address 10.200.0.1/32"), gone.getMessage());
    }

    @Test
    void routeLookupFindsUplinkGatewayMtuAndHonoursFwmark() throws Exception {
        ns.exec("ip", "link", "add", "wup0", "type", "veth", "peer", "name", "wup1");
        int uplink = net.interfaceIndex("wup0");
        net.setMtu(index, 1400);
        net.setUp(index, true);
        net.setUp(uplink, true);
        net.addAddress(index, IpNetwork.parse("10.66.0.1/24"));
        net.addAddress(uplink, IpNetwork.parse("10.67.0.1/24"));
        net.addAddress(index, IpNetwork.parse("fd66::1/64"));

        RouteLookup onLink = net.lookupRoute(IpNetwork.parseLiteral("10.66.0.7"), 0);
        assertEquals(new RouteLookup(index, null, 1400), onLink);
        assertEquals(1400, net.mtu(index));
        assertEquals(index, net.lookupRoute(IpNetwork.parseLiteral("fd66::9"), 0).interfaceIndex());

        ns.exec("ip", "route", "add", "10.99.0.0/16", "via", "10.66.0.2", "mtu", "1300");
        assertEquals(new RouteLookup(index, IpNetwork.parseLiteral("10.66.0.2"), 1300),
                net.lookupRoute(IpNetwork.parseLiteral("10.99.1.2"), 0));

        NetlinkException none = assertThrows(NetlinkException.class,
                () -> net.lookupRoute(IpNetwork.parseLiteral("192.0.2.1"), 0));
        assertTrue(none.getMessage().startsWith("look up route to 192.0.2.1: Network is unreachable"),
                none.getMessage());

        ns.exec("ip", "route", "add", "default", "via", "10.67.0.2", "table", "77");
        ns.exec("ip", "rule", "add", "fwmark", "0x5", "table", "77");
        assertEquals(new RouteLookup(uplink, IpNetwork.parseLiteral("10.67.0.2"), 1500),
                net.lookupRoute(IpNetwork.parseLiteral("192.0.2.1"), 5));
    }

    @Test
    void wgQuickPolicyRulesForBothFamilies() throws Exception {
        for (boolean v6 : new boolean[] {false, true}) {
            for (PolicyRule r : PolicyRule.wgQuickDefaultRoute(v6, 51820)) {
                net.addRule(r);
            }
        }
        for (String family : new String[] {"-4", "-6"}) {
            String rules = ns.exec("ip", family, "rule", "show");
            assertTrue(rules.contains("not from all fwmark 0xca6c lookup 51820"), rules);
            assertTrue(rules.contains("from all lookup main suppress_prefixlength 0"), rules);
        }
        assertEquals("1", ns.exec("cat", "/proc/sys/net/ipv4/conf/all/src_valid_mark").strip());

        for (boolean v6 : new boolean[] {false, true}) {
            for (PolicyRule r : PolicyRule.wgQuickDefaultRoute(v6, 51820)) {
                net.removeRule(r);
            }
        }
        for (String family : new String[] {"-4", "-6"}) {
            String rules = ns.exec("ip", family, "rule", "show");
            assertFalse(rules.contains("51820"), rules);
            assertFalse(rules.contains("suppress_prefixlength"), rules);
        }
    }
}
