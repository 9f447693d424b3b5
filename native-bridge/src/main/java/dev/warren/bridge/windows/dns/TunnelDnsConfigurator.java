package dev.warren.bridge.windows.dns;

import dev.warren.bridge.DnsConfigurator;
import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.bridge.windows.service.ServiceControlManager;
import dev.warren.bridge.windows.service.Winsvc;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Sets and clears a tunnel interface's DNS servers and search domains, per address family, the way WireGuard for
 * Windows does — and never through netsh.
 *
 * <ul>
 *   <li>Build 19041 and later: {@code SetInterfaceDnsSettings} once per family ({@code DNS_SETTING_IPV6} on the
 *       IPv6 call), name servers and search list comma-separated.</li>
 *   <li>Older builds: the same two strings as {@code NameServer} and {@code SearchList} ({@code REG_SZ}) under the
 *       interface's {@code Tcpip} (IPv4) and {@code Tcpip6} (IPv6) keys, then {@code SERVICE_CONTROL_PARAMCHANGE}
 *       to {@code Dnscache} so that the resolver reads them now rather than at its next restart.</li>
 * </ul>
 * Either way the resolver cache is flushed afterwards, so no answer cached from the previous servers survives.
 */
public final class TunnelDnsConfigurator {

    /** Windows 10 2004, the first build with {@code SetInterfaceDnsSettings}. */
    public static final int SET_INTERFACE_DNS_SETTINGS_MIN_BUILD = 19041;
    static final String DNSCACHE = "Dnscache";

    private final DnsApi dns;
    private final Registry registry;
    private final ServiceControlManager scm;
    private final Set<UUID> configured = new HashSet<>();
    private int build;

    public TunnelDnsConfigurator(DnsApi dns, Registry registry, ServiceControlManager scm) {
        this.dns = dns;
        this.registry = registry;
        this.scm = scm;
    }

    /**
     * Sets {@code servers} (each family to its own) and {@code searchDomains} (both families; checked, and written
     * without a trailing dot, by {@link DnsConfigurator#checkDomain}) on the interface. The interface counts as
     * configured even if this fails halfway, so that {@link #clear} removes the half that was set.
     */
    public synchronized void apply(UUID interfaceGuid, List<InetAddress> servers, List<String> searchDomains)
            throws IOException {
        List<String> domains = searchDomains.stream().map(DnsConfigurator::checkDomain).toList();
        configured.add(interfaceGuid);
        write(interfaceGuid, servers, domains);
    }

    /**
     * Empties both values for both families, the same way they were set. Does nothing for an interface this
     * configurator never set: its values were not ours to clear.
     */
    public synchronized void clear(UUID interfaceGuid) throws IOException {
        if (configured.contains(interfaceGuid)) {
            clearStale(interfaceGuid);
        }
    }

    /**
     * Empties both values for both families whether or not this configurator set them: for the adapter of a tunnel
     * whose manager was killed. The adapter GUID is derived from the tunnel name, so the next manager finds it
     * without any record of the previous one's state.
     */
    public synchronized void clearStale(UUID interfaceGuid) throws IOException {
        write(interfaceGuid, List.of(), List.of());
        configured.remove(interfaceGuid);
    }

    private void write(UUID interfaceGuid, List<InetAddress> servers, List<String> searchDomains) throws IOException {
        String searchList = String.join(",", searchDomains);
        boolean modern = osBuild() >= SET_INTERFACE_DNS_SETTINGS_MIN_BUILD;
        for (AddressFamily family : AddressFamily.values()) {
            String nameServers = servers.stream().filter(s -> AddressFamily.of(s) == family)
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(","));
            if (modern) {
                long flags = DnsInterfaceSettings.DNS_SETTING_NAMESERVER | DnsInterfaceSettings.DNS_SETTING_SEARCHLIST
                        | (family == AddressFamily.INET6 ? DnsInterfaceSettings.DNS_SETTING_IPV6 : 0);
                dns.setInterfaceDnsSettings(interfaceGuid, new DnsSettings(
                        DnsInterfaceSettings.DNS_INTERFACE_SETTINGS_VERSION1, flags, nameServers, searchList));
            } else {
                String key = interfaceKey(family, interfaceGuid);
                registry.setLocalMachineString(key, "NameServer", nameServers);
                registry.setLocalMachineString(key, "SearchList", searchList);
            }
        }
        if (!modern) {
            notifyDnscache();
        }
        dns.flushResolverCache();
    }

    private int osBuild() throws WindowsApiException {
        if (build == 0) {
            build = dns.osBuildNumber();
        }
        return build;
    }

    /** {@code HKLM\SYSTEM\CurrentControlSet\Services\Tcpip[6]\Parameters\Interfaces\{guid}}. */
    static String interfaceKey(AddressFamily family, UUID interfaceGuid) {
        return "SYSTEM\\CurrentControlSet\\Services\\" + (family == AddressFamily.INET ? "Tcpip" : "Tcpip6")
                + "\\Parameters\\Interfaces\\{" + interfaceGuid.toString().toLowerCase(Locale.ROOT) + "}";
    }

    /** A stopped Dnscache reads the registry when it starts, so "not active" needs no nudge. */
    private void notifyDnscache() throws IOException {
        long manager = scm.openManager(Winsvc.SC_MANAGER_CONNECT);
        try {
            long service = scm.openService(manager, DNSCACHE, Winsvc.SERVICE_PAUSE_CONTINUE);
            try {
                scm.control(service, Winsvc.SERVICE_CONTROL_PARAMCHANGE);
            } catch (WindowsApiException e) {
                if (e.code() != WindowsApiException.ERROR_SERVICE_NOT_ACTIVE) {
                    throw e;
                }
            } finally {
                scm.close(service);
            }
        } finally {
            scm.close(manager);
        }
    }
}
