package dev.warren.bridge.windows;

import dev.warren.bridge.DnsConfigurator;
import dev.warren.bridge.windows.dns.TunnelDnsConfigurator;
import dev.warren.bridge.windows.wintun.AdapterGuid;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

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

    /** Empties the adapter's DNS values whoever set them: the GUID comes from the name, not from memory. */
    @Override
    public Optional<String> clearStale(String interfaceName) throws IOException {
        var guid = AdapterGuid.forTunnel(interfaceName);
        dns.clearStale(guid);
        return Optional.of("cleared the DNS settings of adapter {" + guid + "}");
    }
}
