package dev.warren.bridge.windows.net;

import static dev.warren.bridge.windows.StructureLayout.assertLayout;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Structure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The x64 layouts of the IP Helper structures, against the sizes and offsets of the Windows SDK headers
 * ({@code ws2ipdef.h}, {@code netioapi.h}) as also used by wireguard-windows' winipcfg. JNA computes the layout
 * from the declarations on any host, so a wrong field type or order fails here, on Linux.
 */
class IpHelperStructureLayoutTest {

    @Test
    void sockaddrInet() {
        assertLayout(new SockaddrInet(), 28, Map.of("si_family", 0, "sin_port", 2, "sin_addr_or_flowinfo", 4,
                "sin6_addr", 8, "sin6_scope_id", 24));
    }

    @Test
    void ipAddressPrefix() {
        assertLayout(new IpAddressPrefix(), 32, Map.of("Prefix", 0, "PrefixLength", 28));
    }

    @Test
    void mibUnicastIpAddressRow() {
        assertLayout(new MibUnicastIpAddressRow(), 80, Map.ofEntries(Map.entry("Address", 0),
                Map.entry("InterfaceLuid", 32), Map.entry("InterfaceIndex", 40), Map.entry("PrefixOrigin", 44),
                Map.entry("SuffixOrigin", 48), Map.entry("ValidLifetime", 52), Map.entry("PreferredLifetime", 56),
                Map.entry("OnLinkPrefixLength", 60), Map.entry("SkipAsSource", 61), Map.entry("DadState", 64),
                Map.entry("ScopeId", 68), Map.entry("CreationTimeStamp", 72)));
    }

    @Test
    void mibIpForwardRow2() {
        assertLayout(new MibIpForwardRow2(), MibIpForwardRow2.SIZE, Map.ofEntries(Map.entry("InterfaceLuid", 0),
                Map.entry("InterfaceIndex", 8), Map.entry("DestinationPrefix", 12), Map.entry("NextHop", 44),
                Map.entry("SitePrefixLength", 72), Map.entry("ValidLifetime", 76),
                Map.entry("PreferredLifetime", 80), Map.entry("Metric", 84), Map.entry("Protocol", 88),
                Map.entry("Loopback", 92), Map.entry("Immortal", 95), Map.entry("Age", 96), Map.entry("Origin", 100)));
        assertEquals(104, MibIpForwardRow2.SIZE);
    }

    @Test
    void mibIpInterfaceRow() {
        assertLayout(new MibIpInterfaceRow(), 168, Map.ofEntries(Map.entry("Family", 0),
                Map.entry("InterfaceLuid", 8), Map.entry("InterfaceIndex", 16), Map.entry("InterfaceIdentifier", 24),
                Map.entry("AdvertisingEnabled", 40), Map.entry("UseAutomaticMetric", 44),
                Map.entry("AdvertiseDefaultRoute", 48), Map.entry("RouterDiscoveryBehavior", 52),
                Map.entry("DadTransmits", 56), Map.entry("LinkLocalAddressTimeout", 76), Map.entry("ZoneIndices", 80),
                Map.entry("SitePrefixLength", 144), Map.entry("Metric", 148), Map.entry("NlMtu", 152),
                Map.entry("Connected", 156), Map.entry("ReachableTime", 160), Map.entry("TransmitOffload", 164),
                Map.entry("DisableDefaultRoutes", 166)));
    }
}
