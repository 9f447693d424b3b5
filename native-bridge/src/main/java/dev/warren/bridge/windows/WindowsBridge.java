package dev.warren.bridge.windows;

import dev.warren.bridge.Closing;
import dev.warren.bridge.ipc.IpcConnection;
import dev.warren.bridge.windows.dns.TunnelDnsConfigurator;
import dev.warren.bridge.windows.net.IpHelper;
import dev.warren.bridge.windows.net.NetworkChangeMonitor;
import dev.warren.bridge.windows.pipe.CallerAuthorizer;
import dev.warren.bridge.windows.pipe.JnaNamedPipeApi;
import dev.warren.bridge.windows.pipe.JnaTokenApi;
import dev.warren.bridge.windows.pipe.NamedPipeAcceptor;
import dev.warren.bridge.windows.pipe.NamedPipeClient;
import dev.warren.bridge.windows.service.JnaServiceDispatcher;
import dev.warren.bridge.windows.service.ServiceControlManager;
import dev.warren.bridge.windows.service.WindowsServiceHost;
import dev.warren.bridge.windows.service.WindowsServiceInstaller;
import dev.warren.bridge.windows.store.DpapiConfigStore;
import dev.warren.bridge.windows.store.JnaDpapi;
import dev.warren.bridge.windows.store.JnaStoreFiles;
import dev.warren.bridge.windows.udp.WindowsBind;
import dev.warren.bridge.windows.udp.Winsock;
import dev.warren.bridge.windows.wfp.WfpKillSwitch;
import dev.warren.bridge.windows.wintun.WintunApi;
import dev.warren.bridge.windows.wintun.WintunTun;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The Windows bridge assembled from the real JNA implementations: the one place the manager (through
 * {@code Platform}) gets its Windows parts from. Nothing here is loaded until it is first used, so the class can be
 * referenced on any OS.
 */
public final class WindowsBridge {

    private final WindowsTunnelApis apis;
    private final TunnelAdapters tunnels = new TunnelAdapters();
    private final PowerResumeSignal resumeSignal = new PowerResumeSignal();
    private WintunApi wintun;
    private IpHelper ipHelper;
    private NetworkWatch networkWatch;
    private Winsock winsock;
    private ServiceControlManager scm;
    private TunnelDnsConfigurator dns;

    /** @param appDirectory the directory of the Warren executable, where {@code wintun.dll} ships */
    public WindowsBridge(Path appDirectory) {
        this(WindowsTunnelApis.jna(appDirectory));
    }

    /** A bridge whose tunnels run on {@code apis} (the pipe, DPAPI store and service are always the real ones). */
    public WindowsBridge(WindowsTunnelApis apis) {
        this.apis = apis;
    }

    public synchronized IpHelper ipHelper() {
        if (ipHelper == null) {
            ipHelper = apis.ipHelper().get();
        }
        return ipHelper;
    }

    private synchronized WintunApi wintun() {
        if (wintun == null) {
            wintun = apis.wintun().get();
        }
        return wintun;
    }

    private synchronized ServiceControlManager scm() {
        if (scm == null) {
            scm = apis.scm().get();
        }
        return scm;
    }

    private synchronized TunnelDnsConfigurator dns() {
        if (dns == null) {
            dns = new TunnelDnsConfigurator(apis.dns().get(), apis.registry().get(), scm());
        }
        return dns;
    }

    /**
     * Creates tunnel {@code name}'s Wintun adapter and session, counted among {@link #tunnels()} until it is closed;
     * its MTU is the IPv4 interface row's, or the IPv6 one's for an IPv6-only adapter.
     */
    public WintunTun createTun(String name) throws IOException {
        IpHelper ip = ipHelper();
        WintunTun tun = WintunTun.create(wintun(), name, WintunTun.DEFAULT_RING_CAPACITY,
                luid -> WindowsNetworkConfigurator.interfaceMtu(ip, luid), ip::guidFromLuid,
                () -> tunnels.remove(name));
        try {
            tunnels.add(new TunnelAdapters.Adapter(name, tun.luid(), ip.indexFromLuid(tun.luid())));
        } catch (IOException | RuntimeException e) {
            Closing.afterFailure(e, tun);
            throw e;
        }
        return tun;
    }

    /** Warren's live adapters: never an uplink. */
    public TunnelAdapters tunnels() {
        return tunnels;
    }

    /** The process's one network watcher (uplink and MTU changes, by notification), shared by binds and monitors. */
    public synchronized NetworkWatch networkWatch() {
        if (networkWatch == null) {
            networkWatch = new NetworkWatch(l -> NetworkChangeMonitor.start(ipHelper(), tunnels::contains, l));
        }
        return networkWatch;
    }

    /** Resume from sleep, fired by the manager service's power-event handler, heard by the network watcher. */
    public PowerResumeSignal resumeSignal() {
        return resumeSignal;
    }

    /** A UDP bind pinned to the uplink; Winsock is loaded here, the socket is made by {@code open}. */
    public synchronized WindowsBind createBind() {
        if (winsock == null) {
            winsock = apis.winsock().get();
        }
        return new WindowsBind(winsock, apis.unicastBinder().get(), networkWatch());
    }

    /** The OS-neutral network configurator, on the IP Helper. */
    public WindowsNetworkConfigurator networkConfigurator() {
        return new WindowsNetworkConfigurator(ipHelper());
    }

    /** The OS-neutral network monitor, on {@link #networkWatch()}. */
    public WindowsNetworkMonitor networkMonitor() {
        return new WindowsNetworkMonitor(networkWatch(), tunnels, ipHelper());
    }

    /** The OS-neutral DNS configurator, on {@link TunnelDnsConfigurator}. */
    public WindowsDnsConfigurator dnsConfigurator() {
        return new WindowsDnsConfigurator(dns());
    }

    /**
     * WFP filters in a dynamic session; the manager's own traffic is exempt only for {@code managerExecutable} running
     * as the manager service's SID.
     */
    public WfpKillSwitch killSwitch(String managerExecutable) {
        return new WfpKillSwitch(apis.wfp().get(), managerExecutable, WindowsServiceInstaller.MANAGER_SERVICE);
    }

    /** The IPC server on {@code \\.\pipe\Warren\Manager}, letting {@code operatorGroupSid} in as operators. */
    public NamedPipeAcceptor openManagerPipe(String operatorGroupSid) throws IOException {
        return NamedPipeAcceptor.open(JnaNamedPipeApi.load(), new CallerAuthorizer(JnaTokenApi.load(), operatorGroupSid),
                NamedPipeAcceptor.MANAGER_PIPE);
    }

    /**
     * A client's connection to the manager's pipe (the CLI and the GUI), refused unless LocalSystem owns it and the
     * instance reached is served from the services' session 0.
     */
    public IpcConnection connectManagerPipe() throws IOException {
        return NamedPipeClient.connect(JnaNamedPipeApi.load(), NamedPipeAcceptor.MANAGER_PIPE);
    }

    /** The DPAPI tunnel store in {@code directory} ({@link DpapiConfigStore#defaultDirectory} by default). */
    public DpapiConfigStore configStore(Path directory) {
        return new DpapiConfigStore(directory, JnaDpapi.load(), JnaStoreFiles.load());
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
