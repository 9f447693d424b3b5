package dev.warren.bridge.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warren.bridge.windows.dns.DnsApi;
import dev.warren.bridge.windows.dns.DnsSettings;
import dev.warren.bridge.windows.dns.TunnelDnsConfigurator;
import dev.warren.bridge.windows.net.InterfaceSettings;
import dev.warren.bridge.windows.net.IpInterface;
import dev.warren.bridge.windows.net.RecordingIpHelper;
import dev.warren.bridge.windows.service.RecordingServiceControlManager;
import dev.warren.core.config.IpNetwork;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WindowsTunnelNetworkTest {

    private static final long LUID = 5;
    private final RecordingIpHelper ip = new RecordingIpHelper();
    private final CallLog dnsLog = new CallLog();
    private boolean failDns;

    private TunnelDnsConfigurator dns() {
        DnsApi api = new DnsApi() {
            @Override
            public int osBuildNumber() {
                return 22631;
            }

            @Override
            public void setInterfaceDnsSettings(UUID guid, DnsSettings s) throws WindowsApiException {
                dnsLog.add("SetInterfaceDnsSettings", guid, s.nameServer());
                if (failDns) {
                    throw new WindowsApiException("SetInterfaceDnsSettings", 87);
                }
            }

            @Override
            public void flushResolverCache() {
                dnsLog.add("DnsFlushResolverCache");
            }
        };
        return new TunnelDnsConfigurator(api, (k, n, v) -> { }, new RecordingServiceControlManager());
    }

    private final InterfaceSettings settings = new InterfaceSettings(List.of(IpNetwork.parse("10.0.0.2/24")),
            List.of(IpNetwork.parse("0.0.0.0/0")), OptionalInt.of(1420));

    {
        ip.putInterface(new IpInterface(AddressFamily.INET, LUID, 3, 65535, true, 25, true, true, 3));
    }

    @Test
    void upConfiguresTheInterfaceThenDnsOnItsGuidAndDownUndoesBoth() throws Exception {
        var net = WindowsTunnelNetwork.up(ip, dns(), LUID, settings, List.of(IpNetwork.parseLiteral("10.0.0.1")),
                List.of());
        UUID guid = new UUID(0, LUID);
        assertEquals("ConvertInterfaceLuidToGuid(5)", ip.log.calls().getFirst());
        assertEquals(List.of("SetInterfaceDnsSettings(" + guid + ", 10.0.0.1)", "SetInterfaceDnsSettings(" + guid + ", )",
                "DnsFlushResolverCache()"), dnsLog.calls());
        ip.log.clear();
        dnsLog.clear();
        net.down();
        assertEquals(List.of("SetInterfaceDnsSettings(" + guid + ", )", "SetInterfaceDnsSettings(" + guid + ", )",
                "DnsFlushResolverCache()"), dnsLog.calls());
        assertEquals(List.of("DeleteUnicastIpAddressEntry(5, 10.0.0.2/24)",
                "DeleteIpForwardEntry2(5, 0.0.0.0/0 via 0.0.0.0, metric 0)"), ip.log.calls());
    }

    @Test
    void aDnsFailureTakesTheAddressesAndRoutesDownAgain() {
        failDns = true;
        assertThrows(WindowsApiException.class, () -> WindowsTunnelNetwork.up(ip, dns(), LUID, settings,
                List.of(IpNetwork.parseLiteral("10.0.0.1")), List.of()));
        UUID guid = new UUID(0, LUID);
        assertEquals(List.of("SetInterfaceDnsSettings(" + guid + ", 10.0.0.1)", "SetInterfaceDnsSettings(" + guid + ", )"),
                dnsLog.calls(), "the failed set, then the attempt to clear it");
        List<String> calls = ip.log.calls();
        assertEquals(List.of("DeleteUnicastIpAddressEntry(5, 10.0.0.2/24)",
                "DeleteIpForwardEntry2(5, 0.0.0.0/0 via 0.0.0.0, metric 0)"), calls.subList(calls.size() - 2, calls.size()));
    }

    @Test
    void aTunnelWithoutDnsNeverTouchesDns() throws Exception {
        WindowsTunnelNetwork.up(ip, dns(), LUID, settings, List.of(), List.of()).down();
        assertEquals(List.of(), dnsLog.calls());
    }
}
