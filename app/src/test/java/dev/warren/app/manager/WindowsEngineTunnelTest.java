package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.ptr.IntByReference;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsBridge;
import dev.warren.bridge.windows.WindowsPlatform;
import dev.warren.bridge.windows.WindowsTunnelApis;
import dev.warren.bridge.windows.dns.DnsApi;
import dev.warren.bridge.windows.dns.DnsSettings;
import dev.warren.bridge.windows.dns.Registry;
import dev.warren.bridge.windows.net.IpHelper;
import dev.warren.bridge.windows.net.IpInterface;
import dev.warren.bridge.windows.net.RecordingIpHelper;
import dev.warren.bridge.windows.net.Route;
import dev.warren.bridge.windows.net.UnicastInterfaceBinder;
import dev.warren.bridge.windows.service.RecordingServiceControlManager;
import dev.warren.bridge.windows.udp.RecordingWinsock;
import dev.warren.bridge.windows.wfp.RecordingWfpApi;
import dev.warren.bridge.windows.wintun.AdapterGuid;
import dev.warren.bridge.windows.wintun.RecordingWintunApi;
import dev.warren.core.config.IpNetwork;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import dev.warren.core.config.WgQuickParser;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The manager's start and stop sequence ({@link EngineTunnelDriver}) on a {@link WindowsPlatform} assembled from the
 * recording fakes of every Windows API a tunnel uses (Wintun, IP Helper, DNS, SCM, Winsock, WFP), all recording into
 * one log: which Win32 calls a full tunnel with DNS and the kill-switch makes, in which order, with which values.
 */
class WindowsEngineTunnelTest {

    private static final TunnelName NAME = new TunnelName("office");
    private static final UUID GUID = AdapterGuid.forTunnel("office");
    /** What the Wintun fake reports for its adapter, and the index the IP Helper fake gives it. */
    private static final long LUID = 0x0006_0000_0100_0000L;
    private static final int INDEX = 23;
    private static final long UPLINK_LUID = 0x0006_0000_0200_0000L;
    private static final int UPLINK_INDEX = 7;

    private static final String FULL_TUNNEL = """
            [Interface]
            PrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=
            Address = 10.64.0.2/32, fd00:64::2/128
            DNS = 10.64.0.1

            [Peer]
            PublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=
            Endpoint = 203.0.113.7:51820
            AllowedIPs = 0.0.0.0/0, ::/0
            """;

    private final CallLog log = new CallLog();
    private final RecordingWintunApi wintun = new RecordingWintunApi(log);
    private final RecordingIpHelper ip = new RecordingIpHelper(log);
    private final RecordingServiceControlManager scm = new RecordingServiceControlManager(log);
    private final RecordingWinsock winsock = new RecordingWinsock(log);
    private final RecordingWfpApi wfp = new RecordingWfpApi(log);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private RunningTunnel running;

    private final DnsApi dns = new DnsApi() {
        @Override
        public int osBuildNumber() {
            log.add("RtlGetVersion");
            return 19041;
        }

        @Override
        public void setInterfaceDnsSettings(UUID guid, DnsSettings s) {
            log.add("SetInterfaceDnsSettings", guid, "Flags=0x" + Long.toHexString(s.flags()),
                    "NameServer=" + s.nameServer());
        }

        @Override
        public void flushResolverCache() {
            log.add("DnsFlushResolverCache");
        }
    };
    private final Registry registry = (subkey, name, value) -> log.add("RegSetValueExW", subkey, name, value);
    private final UnicastInterfaceBinder binder = new UnicastInterfaceBinder(new UnicastInterfaceBinder.Ws2Library() {
        @Override
        public int setsockopt(long socket, int level, int optionName, IntByReference optionValue, int optionLength) {
            log.add("setsockopt", RecordingWinsock.name(socket), level, optionName);
            return 0;
        }

        @Override
        public int WSAGetLastError() {
            return 0;
        }
    });

    private final WindowsBridge bridge = new WindowsBridge(new WindowsTunnelApis(() -> wintun, () -> ip, () -> dns,
            () -> registry, () -> scm, () -> winsock, () -> binder, () -> wfp));
    private final EngineTunnelDriver driver = new EngineTunnelDriver(WindowsPlatform.on(bridge));

    private final TunnelEvents tunnelEvents = new TunnelEvents() {
        @Override
        public void log(String message) {
            events.add(message);
        }

        @Override
        public void failed(String reason) {
            events.add("FAILED " + reason);
        }
    };

    private static TunnelConfig config(String text) {
        return ((ParseResult.Valid) WgQuickParser.parse("office.conf", text)).config();
    }

    private void windowsWithAnUplink() {
        ip.adapter(GUID, LUID, INDEX);
        ip.adapter(new UUID(0, UPLINK_LUID), UPLINK_LUID, UPLINK_INDEX);
        for (AddressFamily f : AddressFamily.values()) {
            ip.putInterface(new IpInterface(f, LUID, INDEX, 65535, true, 5, true, true, 1));
            ip.putInterface(new IpInterface(f, UPLINK_LUID, UPLINK_INDEX, 1500, true, 25, true, true, 1));
        }
        ip.best = new Route(UPLINK_LUID, UPLINK_INDEX, IpNetwork.parse("0.0.0.0/0"),
                IpNetwork.parseLiteral("192.168.1.1"), 0);
        ip.table.put(AddressFamily.INET, new ArrayList<>(List.of(ip.best)));
    }

    @AfterEach
    void stopLeftover() throws Exception {
        if (running != null) {
            running.stop();
        }
    }

    /** The calls of {@code function}, in order. */
    private List<String> calls(String function) {
        return log.callsTo(function);
    }

    /**
     * A manager that crashed left the adapter: it is Warren's for certain (found by Warren's GUID) and reused at the
     * next start, so the user is told that, not a Linux command.
     */
    @Test
    void aLeftoverAdapterIsReportedWithWindowsAdvice() {
        windowsWithAnUplink();
        var e = assertThrows(TunnelException.class,
                () -> driver.cleanUp(new TunnelResources("office", "office", false, List.of())));
        assertEquals("Warren's network adapter for tunnel office still exists; it is reused when the tunnel next "
                + "starts, or you can uninstall it in Device Manager under Network adapters", e.getMessage());
    }

    @Test
    void killSwitchFiltersMatchTheAdaptersLuid() throws Exception {
        windowsWithAnUplink();
        running = driver.start(NAME, config(FULL_TUNNEL), new KillSwitchSetting(true, false), tunnelEvents);
        List<String> filters = calls("FwpmFilterAdd0");
        assertTrue(filters.stream().anyMatch(f -> f.contains(String.format("UINT64(0x%016x)", LUID))),
                "the tunnel's filters name the adapter by its LUID: " + filters);
    }

    /**
     * Windows routes a full tunnel without firewall marks, so the device gets none and the network watcher asks for
     * the path to the peer unmarked: after the uplink's MTU drops, GetBestRoute2 is asked again and the tunnel's MTU
     * follows (with a mark, the lookup was refused and the MTU never re-derived).
     */
    @Test
    void aFullTunnelsAutoMtuFollowsTheUplinkThroughAnUnmarkedRouteLookup() throws Exception {
        windowsWithAnUplink();
        running = driver.start(NAME, config(FULL_TUNNEL), new KillSwitchSetting(false, false), tunnelEvents);
        int lookups = calls("GetBestRoute2").size();
        IpInterface smaller = new IpInterface(AddressFamily.INET, UPLINK_LUID, UPLINK_INDEX, 1400, true, 25, true, true,
                1);
        ip.putInterface(smaller);
        ip.interfaceListener.interfaceChanged(smaller, IpHelper.MIB_PARAMETER_NOTIFICATION);
        String tunnelMtu = "SetIpInterfaceEntry(" + LUID + ", INET, mtu=1320";
        long deadline = System.nanoTime() + 10_000_000_000L;
        // The watcher sets the interface's MTU, then the engine's, then logs: wait for the log line.
        while (events.stream().noneMatch(e -> e.startsWith("uplink MTU 1400: tunnel MTU 1420 → 1320"))) {
            assertTrue(System.nanoTime() < deadline, "no MTU change in " + log.calls() + "; events " + events);
            Thread.sleep(20);
        }
        assertTrue(calls("SetIpInterfaceEntry").stream().anyMatch(c -> c.startsWith(tunnelMtu)),
                log.calls().toString());
        assertTrue(calls("GetBestRoute2").size() > lookups, "the path to the peer was looked up again");
    }

    /**
     * The whole sequence of a full tunnel with DNS and the kill-switch: adapter and session, the kill-switch committed
     * before anything can send, addresses, MTU per family, the UDP socket, router discovery and DAD off, DNS, then
     * per family a default route with the interface metric fixed at 0. Stopping clears DNS, the watch and the socket,
     * ends the session and closes the adapter (Windows removes its addresses and routes with it), and closes the WFP
     * session (dynamic: its filters go with it) last.
     */
    @Test
    void aFullTunnelWithDnsAndKillSwitchStartsAndStopsInOrder() throws Exception {
        windowsWithAnUplink();
        running = driver.start(NAME, config(FULL_TUNNEL), new KillSwitchSetting(true, false), tunnelEvents);
        String tunnelRow = "automaticMetric=true, metric=5, routerDiscovery=";
        assertInOrder(List.of(
                "WintunCreateAdapter(office, Warren, " + GUID + ")",
                "WintunStartSession(adapter, 0x800000)",
                "FwpmEngineOpen0(dynamic, Warren, Warren kill-switch for office",
                "FwpmTransactionBegin0(",
                "FwpmFilterAdd0(",
                "FwpmTransactionCommit0(",
                "CreateUnicastIpAddressEntry(" + LUID + ", 10.64.0.2/32)",
                "CreateUnicastIpAddressEntry(" + LUID + ", fd00:64:0:0:0:0:0:2/128)",
                "GetBestRoute2(203.0.113.7)",
                "SetIpInterfaceEntry(" + LUID + ", INET, mtu=1420, " + tunnelRow + "true, dadTransmits=1)",
                "SetIpInterfaceEntry(" + LUID + ", INET6, mtu=1420, " + tunnelRow + "true, dadTransmits=1)",
                "WSASocketW(23, SOCK_DGRAM, IPPROTO_UDP, -> s1)",
                "setsockopt(s1, 0, 31)",
                "SetIpInterfaceEntry(" + LUID + ", INET, mtu=1420, " + tunnelRow + "false, dadTransmits=0)",
                "SetIpInterfaceEntry(" + LUID + ", INET6, mtu=1420, " + tunnelRow + "false, dadTransmits=0)",
                "SetInterfaceDnsSettings(" + GUID + ", Flags=0x6, NameServer=10.64.0.1)",
                "DnsFlushResolverCache()",
                "CreateIpForwardEntry2(" + LUID + ", 0.0.0.0/0 via 0.0.0.0, metric 0)",
                "SetIpInterfaceEntry(" + LUID + ", INET, mtu=1420, automaticMetric=false, metric=0, ",
                "CreateIpForwardEntry2(" + LUID + ", 0:0:0:0:0:0:0:0/0 via 0:0:0:0:0:0:0:0, metric 0)",
                "SetIpInterfaceEntry(" + LUID + ", INET6, mtu=1420, automaticMetric=false, metric=0, "));
        assertEquals(List.of(), calls("CreateIpForwardEntry2").stream().filter(c -> !c.contains("/0 via")).toList(),
                "only the two default routes: no fwmark table, no policy rules on Windows");
        List<String> tunnelFilters = calls("FwpmFilterAdd0").stream()
                .filter(f -> f.contains("'Permit the tunnel interface")).toList();
        assertEquals(4, tunnelFilters.size(), tunnelFilters.toString());
        assertTrue(tunnelFilters.stream().allMatch(f -> f.endsWith(
                "[IP_LOCAL_INTERFACE == UINT64(" + String.format("0x%016x", LUID) + ")])")), tunnelFilters.toString());
        assertEquals(1, calls("FwpmTransactionCommit0").size());

        log.clear();
        running.stop();
        running = null;
        assertEquals(List.of(
                "SetInterfaceDnsSettings(" + GUID + ", Flags=0x6, NameServer=)",
                "SetInterfaceDnsSettings(" + GUID + ", Flags=0x7, NameServer=)",
                "DnsFlushResolverCache()",
                "CancelMibChangeNotify2(interface)",
                "CancelMibChangeNotify2(route)",
                "closesocket(s1)",
                "WSACleanup()",
                "SetEvent(closeEvent)",
                "WintunEndSession(session)",
                "WintunCloseAdapter(adapter)",
                "CloseHandle(closeEvent)",
                "FwpmEngineClose0(1000)"),
                // The network watcher may still be checking the new tunnel's MTU on its own thread; its reads
                // (Convert…/Get…) can fall anywhere in here and change nothing.
                log.calls().stream().filter(c -> !c.startsWith("Convert") && !c.startsWith("Get")).toList());
        assertEquals(List.of(), wfp.activeFilters(), "the dynamic session's filters are gone");
    }

    /** Each of {@code prefixes} starts a call of the log, in this order (other calls may come between). */
    private void assertInOrder(List<String> prefixes) {
        List<String> all = log.calls();
        int at = 0;
        for (String p : prefixes) {
            while (at < all.size() && !all.get(at).startsWith(p)) {
                at++;
            }
            assertTrue(at < all.size(), "no '" + p + "' after the calls before it in " + String.join("\n", all));
            at++;
        }
    }

    /** The service's power event fires the bridge's resume signal: the running tunnel's watcher hears it. */
    @Test
    void aResumeFromSleepReachesTheRunningTunnel() throws Exception {
        windowsWithAnUplink();
        running = driver.start(NAME, config(FULL_TUNNEL), new KillSwitchSetting(false, false), tunnelEvents);
        bridge.resumeSignal().fire();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (events.stream().noneMatch(e -> e.startsWith("resumed from sleep: handshake started"))) {
            assertTrue(System.nanoTime() < deadline, events.toString());
            Thread.sleep(20);
        }
    }
}
