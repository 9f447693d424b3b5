package dev.warren.bridge.windows;

import dev.warren.bridge.Closing;
import dev.warren.bridge.windows.dns.TunnelDnsConfigurator;
import dev.warren.bridge.windows.net.InterfaceSettings;
import dev.warren.bridge.windows.net.IpHelper;
import dev.warren.bridge.windows.net.TunnelInterfaceConfigurator;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;

/**
 * A running tunnel's OS network side on Windows: addresses, routes, MTU and metric, then DNS; taken down in reverse.
 * This is the Windows counterpart of the Linux address/route/DNS setup, in the order the tunnel supervisor needs.
 */
public final class WindowsTunnelNetwork {

    private final TunnelInterfaceConfigurator.AppliedInterface applied;
    private final TunnelDnsConfigurator dns;
    private final UUID interfaceGuid;
    private final boolean dnsSet;

    private WindowsTunnelNetwork(TunnelInterfaceConfigurator.AppliedInterface applied, TunnelDnsConfigurator dns,
            UUID interfaceGuid, boolean dnsSet) {
        this.applied = applied;
        this.dns = dns;
        this.interfaceGuid = interfaceGuid;
        this.dnsSet = dnsSet;
    }

    /**
     * Configures interface {@code luid}. If DNS cannot be set, whatever part of it was set is cleared and the
     * addresses and routes are removed again: a tunnel whose DNS silently stayed on the old servers would leak every
     * name it resolves.
     */
    public static WindowsTunnelNetwork up(IpHelper ip, TunnelDnsConfigurator dns, long luid, InterfaceSettings settings,
            List<InetAddress> dnsServers, List<String> searchDomains) throws IOException {
        UUID guid = ip.guidFromLuid(luid);
        TunnelInterfaceConfigurator.AppliedInterface applied = new TunnelInterfaceConfigurator(ip).apply(luid, settings);
        boolean dnsSet = !dnsServers.isEmpty() || !searchDomains.isEmpty();
        try {
            if (dnsSet) {
                dns.apply(guid, dnsServers, searchDomains);
            }
        } catch (IOException | RuntimeException e) {
            Closing.afterFailure(e, () -> dns.clear(guid));
            Closing.afterFailure(e, applied::remove);
            throw e;
        }
        return new WindowsTunnelNetwork(applied, dns, guid, dnsSet);
    }

    /** A new MTU on every family the tunnel uses (an "auto" MTU following the uplink). */
    public void setMtu(int mtu) throws IOException {
        applied.setMtu(mtu);
    }

    /** Clears DNS (if it was set), then removes addresses and routes; both are attempted even if the first fails. */
    public void down() throws IOException {
        Closing.all(dnsSet ? () -> dns.clear(interfaceGuid) : null, applied::remove);
    }
}
