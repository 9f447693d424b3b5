package dev.warren.bridge.windows;

import dev.warren.bridge.windows.dns.JnaDnsApi;
import dev.warren.bridge.windows.dns.JnaRegistry;
import dev.warren.bridge.windows.dns.TunnelDnsConfigurator;
import dev.warren.bridge.windows.net.InterfaceSettings;
import dev.warren.bridge.windows.net.IpHelper;
import dev.warren.bridge.windows.net.JnaIpHelper;
import dev.warren.bridge.windows.net.NetworkChangeMonitor;
import dev.warren.bridge.windows.net.UnicastInterfaceBinder;
import dev.warren.bridge.windows.pipe.CallerAuthorizer;
import dev.warren.bridge.windows.pipe.JnaNamedPipeApi;
import dev.warren.bridge.windows.pipe.JnaTokenApi;
import dev.warren.bridge.windows.pipe.NamedPipeAcceptor;
import dev.warren.bridge.windows.service.JnaServiceControlManager;
import dev.warren.bridge.windows.service.JnaServiceDispatcher;
import dev.warren.bridge.windows.service.ServiceControlManager;
import dev.warren.bridge.windows.service.WindowsServiceHost;
import dev.warren.bridge.windows.service.WindowsServiceInstaller;
import dev.warren.bridge.windows.store.DpapiConfigStore;
import dev.warren.bridge.windows.store.JnaDpapi;
import dev.warren.bridge.windows.store.JnaStoreFiles;
import dev.warren.bridge.windows.wintun.AdapterGuid;
import dev.warren.bridge.windows.wintun.JnaWintunApi;
import dev.warren.bridge.windows.wintun.WintunTun;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The Windows bridge assembled from the real JNA implementations: the one place the manager (through
 * {@code Platform}) gets its Windows parts from. Nothing here is loaded until it is first used, so the class can be
 * referenced on any OS.
 */
public final class WindowsBridge {

    private final Path appDirectory;
    private IpHelper ipHelper;
    private ServiceControlManager scm;
    private TunnelDnsConfigurator dns;

    /** @param appDirectory the directory of the Warren executable, where {@code wintun.dll} ships */
    public WindowsBridge(Path appDirectory) {
        this.appDirectory = appDirectory;
    }

    public synchronized IpHelper ipHelper() {
        if (ipHelper == null) {
            ipHelper = JnaIpHelper.load();
        }
        return ipHelper;
    }

    private synchronized ServiceControlManager scm() {
        if (scm == null) {
            scm = JnaServiceControlManager.load();
        }
        return scm;
    }

    private synchronized TunnelDnsConfigurator dns() {
        if (dns == null) {
            dns = new TunnelDnsConfigurator(JnaDnsApi.load(), JnaRegistry.load(), scm());
        }
        return dns;
    }

    /**
     * Creates tunnel {@code name}'s Wintun adapter and session; its MTU is read from the IPv4 interface row, or the
     * IPv6 one for an IPv6-only tunnel.
     */
    public WintunTun createTun(String name) throws IOException {
        IpHelper ip = ipHelper();
        return WintunTun.create(JnaWintunApi.load(appDirectory), name, WintunTun.DEFAULT_RING_CAPACITY, luid -> {
            try {
                return ip.ipInterface(luid, AddressFamily.INET).mtu();
            } catch (WindowsApiException e) {
                return ip.ipInterface(luid, AddressFamily.INET6).mtu();
            }
        });
    }

    /** Clears the DNS a killed manager left on tunnel {@code name}'s adapter (found by its name-derived GUID). */
    public void clearStaleDns(String name) throws IOException {
        dns().clearStale(AdapterGuid.forTunnel(name));
    }

    /** Addresses, routes, MTU, metric and DNS of a started tunnel; {@link WindowsTunnelNetwork#down()} undoes them. */
    public WindowsTunnelNetwork configureNetwork(long luid, InterfaceSettings settings, List<InetAddress> dnsServers,
            List<String> searchDomains) throws IOException {
        return WindowsTunnelNetwork.up(ipHelper(), dns(), luid, settings, dnsServers, searchDomains);
    }

    /** The manager's one network watcher (uplink and MTU changes, by notification). */
    public NetworkChangeMonitor startNetworkMonitor(LongPredicate isTunnel, NetworkChangeMonitor.Listener listener)
            throws IOException {
        return NetworkChangeMonitor.start(ipHelper(), isTunnel, listener);
    }

    /** Pins a UDP socket ({@code SOCKET} handle) to the uplink's interface. */
    public UnicastInterfaceBinder unicastInterfaceBinder() {
        return UnicastInterfaceBinder.load();
    }

    /** The IPC server on {@code \\.\pipe\Warren\Manager}, letting {@code operatorGroupSid} in as operators. */
    public NamedPipeAcceptor openManagerPipe(String operatorGroupSid) throws IOException {
        return NamedPipeAcceptor.open(JnaNamedPipeApi.load(), new CallerAuthorizer(JnaTokenApi.load(), operatorGroupSid),
                NamedPipeAcceptor.MANAGER_PIPE);
    }

    /** The DPAPI tunnel store in {@code %ProgramData%\Warren\Configurations}. */
    public DpapiConfigStore configStore() {
        return new DpapiConfigStore(DpapiConfigStore.defaultDirectory(System.getenv()), JnaDpapi.load(),
                JnaStoreFiles.load());
    }

    /** {@code warren manager --install | --uninstall}. */
    public WindowsServiceInstaller serviceInstaller() {
        return new WindowsServiceInstaller(scm());
    }

    /** {@code warren manager --service}: the body runs the manager; {@link WindowsServiceHost#run()} blocks. */
    public WindowsServiceHost serviceHost(WindowsServiceHost.Body body) {
        return new WindowsServiceHost(JnaServiceDispatcher.load(), WindowsServiceInstaller.MANAGER_SERVICE, body);
    }
}
