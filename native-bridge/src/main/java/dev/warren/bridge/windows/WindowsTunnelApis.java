package dev.warren.bridge.windows;

import dev.warren.bridge.windows.dns.DnsApi;
import dev.warren.bridge.windows.dns.JnaDnsApi;
import dev.warren.bridge.windows.dns.JnaRegistry;
import dev.warren.bridge.windows.dns.Registry;
import dev.warren.bridge.windows.net.IpHelper;
import dev.warren.bridge.windows.net.JnaIpHelper;
import dev.warren.bridge.windows.net.UnicastInterfaceBinder;
import dev.warren.bridge.windows.service.JnaServiceControlManager;
import dev.warren.bridge.windows.service.ServiceControlManager;
import dev.warren.bridge.windows.udp.JnaWinsock;
import dev.warren.bridge.windows.udp.Winsock;
import dev.warren.bridge.windows.wfp.JnaWfpApi;
import dev.warren.bridge.windows.wfp.WfpApi;
import dev.warren.bridge.windows.wintun.JnaWintunApi;
import dev.warren.bridge.windows.wintun.WintunApi;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Win32 APIs a running tunnel needs (adapter, addresses and routes, DNS, UDP socket, kill-switch), each loaded
 * by its supplier when {@link WindowsBridge} first uses it. {@link #jna} is the real set; tests assemble a bridge from
 * the recording fakes to drive the manager's whole start and stop sequence on Linux.
 */
public record WindowsTunnelApis(
        Supplier<WintunApi> wintun,
        Supplier<IpHelper> ipHelper,
        Supplier<DnsApi> dns,
        Supplier<Registry> registry,
        Supplier<ServiceControlManager> scm,
        Supplier<Winsock> winsock,
        Supplier<UnicastInterfaceBinder> unicastBinder,
        Supplier<WfpApi> wfp) {

    public WindowsTunnelApis {
        Objects.requireNonNull(wintun, "wintun");
        Objects.requireNonNull(ipHelper, "ipHelper");
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(scm, "scm");
        Objects.requireNonNull(winsock, "winsock");
        Objects.requireNonNull(unicastBinder, "unicastBinder");
        Objects.requireNonNull(wfp, "wfp");
    }

    /** The JNA implementations, {@code wintun.dll} from {@code appDirectory}. */
    public static WindowsTunnelApis jna(Path appDirectory) {
        return new WindowsTunnelApis(() -> JnaWintunApi.load(appDirectory), JnaIpHelper::load, JnaDnsApi::load,
                JnaRegistry::load, JnaServiceControlManager::load, JnaWinsock::load, UnicastInterfaceBinder::load,
                JnaWfpApi::load);
    }
}
