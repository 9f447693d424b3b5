package dev.warren.bridge.windows.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.bridge.windows.AddressFamily;
import dev.warren.core.config.IpNetwork;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The bytes {@link JnaIpHelper} hands to iphlpapi, checked in native memory at the documented offsets. */
class JnaIpHelperRowTest {

    private static ByteBuffer bytes(com.sun.jna.Structure s) {
        s.write();
        return s.getPointer().getByteBuffer(0, s.size()).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void ipv4AddressRow() {
        var row = new MibUnicastIpAddressRow();
        JnaIpHelper.fillAddressRow(row, 0x0123456789ABCDEFL, IpNetwork.parse("10.0.0.2/24"));
        ByteBuffer b = bytes(row);
        assertEquals(2, b.getShort(0), "AF_INET");
        assertArrayEquals(new byte[] {10, 0, 0, 2}, new byte[] {b.get(4), b.get(5), b.get(6), b.get(7)});
        assertEquals(0x0123456789ABCDEFL, b.getLong(32));
        assertEquals(-1, b.getInt(52), "ValidLifetime infinite");
        assertEquals(-1, b.getInt(56), "PreferredLifetime infinite");
        assertEquals(24, b.get(60), "OnLinkPrefixLength");
        assertEquals(4, b.getInt(64), "IpDadStatePreferred");
    }

    @Test
    void ipv6RouteRow() {
        var row = new MibIpForwardRow2();
        JnaIpHelper.fillRouteRow(row, new Route(42, 0, IpNetwork.parse("fd00:1::/64"),
                IpNetwork.parseLiteral("::"), 5));
        ByteBuffer b = bytes(row);
        assertEquals(42, b.getLong(0));
        assertEquals(23, b.getShort(12), "destination AF_INET6");
        assertEquals((byte) 0xfd, b.get(12 + 8));
        assertEquals(1, b.get(12 + 11));
        assertEquals(64, b.get(12 + 28), "PrefixLength");
        assertEquals(23, b.getShort(44), "next hop AF_INET6");
        assertEquals(5, b.getInt(84), "Metric");
        assertEquals(new Route(42, 0, IpNetwork.parse("fd00:1::/64"), IpNetwork.parseLiteral("::"), 5),
                JnaIpHelper.routeOf(new MibIpForwardRow2(row.getPointer())), "decodes back");
    }

    @Test
    void interfaceRowUpdateKeepsOtherFieldsAndClearsIpv4SitePrefix() {
        var row = new MibIpInterfaceRow();
        row.Family = 2;
        row.InterfaceLuid = 9;
        row.SitePrefixLength = 64;
        row.RouterDiscoveryBehavior = 2;
        row.DadTransmits = 3;
        row.WeakHostSend = 1;
        row.Connected = 1;
        JnaIpHelper.applyInterfaceSettings(row,
                new IpInterface(AddressFamily.INET, 9, 0, 1420, false, 0, true, false, 0));
        ByteBuffer b = bytes(row);
        assertEquals(1420, b.getInt(152), "NlMtu");
        assertEquals(0, b.get(44), "UseAutomaticMetric");
        assertEquals(0, b.getInt(148), "Metric");
        assertEquals(0, b.getInt(144), "SitePrefixLength zeroed for IPv4");
        assertEquals(0, b.getInt(52), "RouterDiscoveryDisabled");
        assertEquals(0, b.getInt(56), "DadTransmits");
        assertEquals(1, b.get(42), "WeakHostSend untouched");
        IpInterface read = JnaIpHelper.interfaceOf(new MibIpInterfaceRow(row.getPointer()));
        assertEquals(new IpInterface(AddressFamily.INET, 9, 0, 1420, false, 0, true, false, 0), read);
    }

    @Test
    void unicastInterfaceOptionIsNetworkOrderForIpv4AndHostOrderForIpv6() {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, UnicastInterfaceBinder.optionValue(AddressFamily.INET, 7));
        assertArrayEquals(new byte[] {0, 0, 0, 7}, b.array(), "htonl(7) in memory");
        b.putInt(0, UnicastInterfaceBinder.optionValue(AddressFamily.INET6, 7));
        assertArrayEquals(new byte[] {7, 0, 0, 0}, b.array());
    }
}
