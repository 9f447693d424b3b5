package dev.warren.bridge.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warren.bridge.windows.dns.DnsApi;
import dev.warren.bridge.windows.dns.DnsSettings;
import dev.warren.bridge.windows.dns.TunnelDnsConfigurator;
import dev.warren.bridge.windows.service.RecordingServiceControlManager;
import dev.warren.bridge.windows.wintun.AdapterGuid;
import dev.warren.core.config.IpNetwork;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The OS-neutral DNS calls reach the tunnel's adapter GUID with the servers and domains as given. */
class WindowsDnsConfiguratorTest {

    private final CallLog log = new CallLog();
    private final DnsApi api = new DnsApi() {
        @Override
        public int osBuildNumber() {
            return 22631;
        }

        @Override
        public void setInterfaceDnsSettings(UUID guid, DnsSettings s) {
            log.add("SetInterfaceDnsSettings", guid, "Flags=0x" + Long.toHexString(s.flags()),
                    "NameServer=" + s.nameServer(), "SearchList=" + s.searchList());
        }

        @Override
        public void flushResolverCache() {
            log.add("DnsFlushResolverCache");
        }
    };
    private final WindowsDnsConfigurator dns = new WindowsDnsConfigurator(new TunnelDnsConfigurator(api,
            (key, name, value) -> log.add("RegSetValueExW", key, name, value), new RecordingServiceControlManager()));

    @Test
    void setAndClearAddressTheAdapterByTheGuidDerivedFromTheTunnelName() throws Exception {
        UUID guid = AdapterGuid.forTunnel("office");
        dns.set("office", List.of(IpNetwork.parseLiteral("10.64.0.1"), IpNetwork.parseLiteral("fd00::53")),
                List.of("corp.example"));
        dns.clear("office");
        dns.clear("home");
        assertEquals(List.of(
                "SetInterfaceDnsSettings(" + guid + ", Flags=0x6, NameServer=10.64.0.1, SearchList=corp.example)",
                "SetInterfaceDnsSettings(" + guid + ", Flags=0x7, NameServer=fd00:0:0:0:0:0:0:53, SearchList=corp.example)",
                "DnsFlushResolverCache()",
                "SetInterfaceDnsSettings(" + guid + ", Flags=0x6, NameServer=, SearchList=)",
                "SetInterfaceDnsSettings(" + guid + ", Flags=0x7, NameServer=, SearchList=)",
                "DnsFlushResolverCache()"), log.calls(), "clearing a tunnel that set nothing touches nothing");
    }

    @Test
    void clearStaleEmptiesTheAdapterOfAKilledManagerWithoutAnyRecordOfIt() throws Exception {
        UUID guid = AdapterGuid.forTunnel("office");
        assertEquals(java.util.Optional.of("cleared the DNS settings of adapter {" + guid + "}"), dns.clearStale("office"));
        assertEquals(List.of(
                "SetInterfaceDnsSettings(" + guid + ", Flags=0x6, NameServer=, SearchList=)",
                "SetInterfaceDnsSettings(" + guid + ", Flags=0x7, NameServer=, SearchList=)",
                "DnsFlushResolverCache()"), log.calls());
    }

    @Test
    void setWithoutAServerIsRefusedAsTheInterfacePromises() {
        var e = assertThrows(IllegalArgumentException.class, () -> dns.set("office", List.of(), List.of("corp.example")));
        assertEquals("DNS for office needs at least one server", e.getMessage());
        assertEquals(List.of(), log.calls());
    }
}
