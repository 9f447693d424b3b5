package dev.warren.bridge.windows.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.bridge.windows.service.RecordingServiceControlManager;
import dev.warren.bridge.windows.service.Winsvc;
import dev.warren.core.config.IpNetwork;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TunnelDnsConfiguratorTest {

    private static final UUID GUID = UUID.fromString("6C1B6D7E-4A0C-5D2E-9B8F-3F5A1C7E2D40");
    private static final String V4_KEY =
            "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{6c1b6d7e-4a0c-5d2e-9b8f-3f5a1c7e2d40}";
    private static final String V6_KEY =
            "SYSTEM\\CurrentControlSet\\Services\\Tcpip6\\Parameters\\Interfaces\\{6c1b6d7e-4a0c-5d2e-9b8f-3f5a1c7e2d40}";
    private static final List<InetAddress> SERVERS = List.of(IpNetwork.parseLiteral("10.64.0.1"),
            IpNetwork.parseLiteral("fd00::53"), IpNetwork.parseLiteral("1.1.1.1"), IpNetwork.parseLiteral("2606:4700::1111"));

    /** One log for every fake, so the test sees the order across DNS API, registry and SCM. */
    private final CallLog log = new CallLog();
    private final RecordingServiceControlManager scm = new RecordingServiceControlManager(log);

    private TunnelDnsConfigurator configurator(int build) {
        scm.states.putIfAbsent("Dnscache", Winsvc.SERVICE_RUNNING);
        DnsApi dns = new DnsApi() {
            @Override
            public int osBuildNumber() {
                log.add("RtlGetVersion");
                return build;
            }

            @Override
            public void setInterfaceDnsSettings(UUID guid, DnsSettings s) {
                log.add("SetInterfaceDnsSettings", guid, "Version=" + s.version(), "Flags=0x" + Long.toHexString(s.flags()),
                        "NameServer=" + s.nameServer(), "SearchList=" + s.searchList());
            }

            @Override
            public void flushResolverCache() {
                log.add("DnsFlushResolverCache");
            }
        };
        Registry registry = (subkey, name, value) -> log.add("RegSetValueExW", "HKLM\\" + subkey, name, "REG_SZ", value);
        return new TunnelDnsConfigurator(dns, registry, scm);
    }

    @Test
    void build19041UsesSetInterfaceDnsSettingsPerFamilyThenFlushes() throws Exception {
        configurator(19041).apply(GUID, SERVERS, List.of("corp.example", "example.org."));
        assertEquals(List.of(
                "RtlGetVersion()",
                "SetInterfaceDnsSettings(" + GUID + ", Version=1, Flags=0x6, NameServer=10.64.0.1,1.1.1.1, "
                        + "SearchList=corp.example,example.org)",
                "SetInterfaceDnsSettings(" + GUID + ", Version=1, Flags=0x7, NameServer=fd00:0:0:0:0:0:0:53,"
                        + "2606:4700:0:0:0:0:0:1111, SearchList=corp.example,example.org)",
                "DnsFlushResolverCache()"), log.calls(), "a fully qualified 'example.org.' is listed without its dot");
        assertEquals(List.of(), log.callsTo("ControlService"), "no registry fallback, no Dnscache nudge");
    }

    @Test
    void build19041ClearsWithEmptyStringsAndOnlyWhatItSet() throws Exception {
        TunnelDnsConfigurator dns = configurator(22631);
        dns.clear(GUID);
        assertEquals(List.of(), log.calls(), "never set, nothing to clear");
        dns.apply(GUID, SERVERS, List.of());
        log.clear();
        dns.clear(GUID);
        assertEquals(List.of(
                "SetInterfaceDnsSettings(" + GUID + ", Version=1, Flags=0x6, NameServer=, SearchList=)",
                "SetInterfaceDnsSettings(" + GUID + ", Version=1, Flags=0x7, NameServer=, SearchList=)",
                "DnsFlushResolverCache()"), log.calls());
        log.clear();
        dns.clear(GUID);
        assertEquals(List.of(), log.calls(), "cleared once");
    }

    @Test
    void aStaleAdapterIsClearedWithoutHavingBeenSetByThisConfigurator() throws Exception {
        TunnelDnsConfigurator dns = configurator(17763);
        dns.clearStale(GUID);
        assertEquals(List.of(
                "RtlGetVersion()",
                "RegSetValueExW(HKLM\\" + V4_KEY + ", NameServer, REG_SZ, )",
                "RegSetValueExW(HKLM\\" + V4_KEY + ", SearchList, REG_SZ, )",
                "RegSetValueExW(HKLM\\" + V6_KEY + ", NameServer, REG_SZ, )",
                "RegSetValueExW(HKLM\\" + V6_KEY + ", SearchList, REG_SZ, )",
                "OpenSCManagerW(0x1)",
                "OpenServiceW(scm, Dnscache, 0x40)",
                "ControlService(Dnscache, " + Winsvc.SERVICE_CONTROL_PARAMCHANGE + ")",
                "CloseServiceHandle(Dnscache)",
                "CloseServiceHandle(scm)",
                "DnsFlushResolverCache()"), log.calls());
        log.clear();
        configurator(22631).clearStale(GUID);
        assertEquals(List.of(
                "RtlGetVersion()",
                "SetInterfaceDnsSettings(" + GUID + ", Version=1, Flags=0x6, NameServer=, SearchList=)",
                "SetInterfaceDnsSettings(" + GUID + ", Version=1, Flags=0x7, NameServer=, SearchList=)",
                "DnsFlushResolverCache()"), log.calls());
    }

    @Test
    void build17763WritesBothValuesUnderTcpipAndTcpip6ThenSendsParamchangeToDnscache() throws Exception {
        configurator(17763).apply(GUID, SERVERS, List.of("corp.example"));
        assertEquals(List.of(
                "RtlGetVersion()",
                "RegSetValueExW(HKLM\\" + V4_KEY + ", NameServer, REG_SZ, 10.64.0.1,1.1.1.1)",
                "RegSetValueExW(HKLM\\" + V4_KEY + ", SearchList, REG_SZ, corp.example)",
                "RegSetValueExW(HKLM\\" + V6_KEY + ", NameServer, REG_SZ, fd00:0:0:0:0:0:0:53,2606:4700:0:0:0:0:0:1111)",
                "RegSetValueExW(HKLM\\" + V6_KEY + ", SearchList, REG_SZ, corp.example)",
                "OpenSCManagerW(0x1)",
                "OpenServiceW(scm, Dnscache, 0x40)",
                "ControlService(Dnscache, " + Winsvc.SERVICE_CONTROL_PARAMCHANGE + ")",
                "CloseServiceHandle(Dnscache)",
                "CloseServiceHandle(scm)",
                "DnsFlushResolverCache()"), log.calls(),
                "the registry is written first, then Dnscache told to re-read it, then its cache flushed");
    }

    @Test
    void build17763UndoesBothValuesOnStopTheSameWay() throws Exception {
        TunnelDnsConfigurator dns = configurator(17763);
        dns.apply(GUID, SERVERS, List.of("corp.example"));
        log.clear();
        dns.clear(GUID);
        assertEquals(List.of(
                "RegSetValueExW(HKLM\\" + V4_KEY + ", NameServer, REG_SZ, )",
                "RegSetValueExW(HKLM\\" + V4_KEY + ", SearchList, REG_SZ, )",
                "RegSetValueExW(HKLM\\" + V6_KEY + ", NameServer, REG_SZ, )",
                "RegSetValueExW(HKLM\\" + V6_KEY + ", SearchList, REG_SZ, )",
                "OpenSCManagerW(0x1)",
                "OpenServiceW(scm, Dnscache, 0x40)",
                "ControlService(Dnscache, " + Winsvc.SERVICE_CONTROL_PARAMCHANGE + ")",
                "CloseServiceHandle(Dnscache)",
                "CloseServiceHandle(scm)",
                "DnsFlushResolverCache()"), log.calls(), "the build is asked once per configurator");
    }

    @Test
    void aStoppedDnscacheNeedsNoNudgeButOtherFailuresSurface() throws Exception {
        scm.states.put("Dnscache", Winsvc.SERVICE_STOPPED);
        scm.failNext("ControlService", WindowsApiException.ERROR_SERVICE_NOT_ACTIVE);
        configurator(17763).apply(GUID, SERVERS, List.of());
        assertEquals("DnsFlushResolverCache()", log.calls().getLast());

        scm.failNext("ControlService", WindowsApiException.ERROR_ACCESS_DENIED);
        var e = assertThrows(WindowsApiException.class, () -> configurator(17763).apply(GUID, SERVERS, List.of()));
        assertEquals("ControlService", e.function());
        assertEquals("CloseServiceHandle(scm)", log.calls().getLast(), "handles are closed on failure too");
    }

    @Test
    void searchDomainsThatWouldBreakTheCommaSeparatedListAreRefused() {
        for (String bad : new String[] {"a,b", "two words", "-x.example", "a..b"}) {
            var e = assertThrows(IllegalArgumentException.class,
                    () -> configurator(19041).apply(GUID, SERVERS, List.of(bad)));
            assertEquals("DNS search domain '" + bad + "' must be labels of 1-63 letters, digits, '-' or '_' separated "
                    + "by dots", e.getMessage(), "the OS-neutral DnsConfigurator.checkDomain rules");
        }
        var empty = assertThrows(IllegalArgumentException.class,
                () -> configurator(19041).apply(GUID, SERVERS, List.of("")));
        assertEquals("DNS search domain '' must be 1-253 characters", empty.getMessage());
        assertEquals(List.of(), log.calls());
    }

    @Test
    void dnsInterfaceSettingsStructureHasTheX64LayoutAndCarriesTheStrings() {
        DnsInterfaceSettings s = JnaDnsApi.structure(new DnsSettings(1, 0x7, "fd00::53", "corp.example"));
        assertEquals(64, s.size());
        s.write();
        var p = s.getPointer();
        assertEquals(1, p.getInt(0));
        assertEquals(0x7L, p.getLong(8), "Flags at 8 after 4 bytes of padding");
        assertEquals(0L, p.getLong(16), "Domain left NULL");
        assertEquals("fd00::53", p.getPointer(24).getWideString(0));
        assertEquals("corp.example", p.getPointer(32).getWideString(0));
        assertEquals(0L, p.getLong(56), "ProfileNameServer left NULL");
    }
}
