package dev.warren.bridge.windows;

import dev.warren.bridge.DnsConfigurator;
import dev.warren.bridge.windows.dns.TunnelDnsConfigurator;
import dev.warren.bridge.windows.wintun.AdapterGuid;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * The OS-neutral {@link DnsConfigurator} on Windows: an interface named by its tunnel is the Wintun adapter whose
 * GUID Warren derived from that name ({@link AdapterGuid}), which is the interface GUID the DNS settings are keyed
 * by.
 */
public final class WindowsDnsConfigurator implements DnsConfigurator {

    private final TunnelDnsConfigurator dns;

    public WindowsDnsConfigurator(TunnelDnsConfigurator dns) {
        this.dns = dns;
    }

    @Override
    public void set(String interfaceName, List<InetAddress> servers, List<String> searchDomains) throws IOException {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("DNS for " + interfaceName + " needs at least one server");
        }
        dns.apply(AdapterGuid.forTunnel(interfaceName), servers, searchDomains);
    }

    @Override
    public void clear(String interfaceName) throws IOException {
        dns.clear(AdapterGuid.forTunnel(interfaceName));
    }
}
