package dev.warren.core.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The device part of a {@link TunnelConfig} as a cross-platform UAPI {@code set=1} request, byte for byte what
 * {@code wg setconf} sends for the same file: the interface's key, port and mark, then each peer with
 * {@code replace_allowed_ips=true}, ending with the blank line that terminates a request. wg-quick-only
 * settings (addresses, DNS, MTU, table, scripts) are not part of it.
 *
 * <p>The text contains the private and preshared keys in hex: write it to the device and nowhere else.
 */
public final class UapiSetRequest {

    private UapiSetRequest() {
    }

    /**
     * The request, with endpoints given by {@code resolver} (already resolved by the caller, e.g. in parallel or
     * with retries).
     *
     * @param resolver the socket address for each peer endpoint; must return a resolved address
     */
    public static String of(TunnelConfig config, Function<Endpoint, InetSocketAddress> resolver) {
        InterfaceConfig iface = config.interfaceConfig();
        StringBuilder sb = new StringBuilder(256 + 256 * config.peers().size());
        sb.append("set=1\n");
        sb.append("private_key=").append(iface.privateKey().toHex()).append('\n');
        // A set replaces the whole device configuration, so "absent" is sent as 0 (random port, no mark), as
        // wg setconf does; otherwise a port or mark of an earlier configuration would survive.
        sb.append("listen_port=").append(iface.listenPort().orElse(0)).append('\n');
        sb.append("fwmark=").append(iface.fwMark().orElse(0)).append('\n');
        sb.append("replace_peers=true\n");
        for (PeerConfig p : config.peers()) {
            sb.append("public_key=").append(p.publicKey().toHex()).append('\n');
            p.presharedKey().ifPresent(k -> sb.append("preshared_key=").append(k.toHex()).append('\n'));
            p.endpoint().ifPresent(e -> sb.append("endpoint=").append(format(resolver.apply(e), e)).append('\n'));
            if (p.persistentKeepalive() != 0) {
                sb.append("persistent_keepalive_interval=").append(p.persistentKeepalive()).append('\n');
            }
            sb.append("replace_allowed_ips=true\n");
            p.allowedIps().forEach(ip -> sb.append("allowed_ip=").append(ip).append('\n'));
        }
        return sb.append('\n').toString();
    }

    /**
     * The request, resolving host-name endpoints now with the system resolver.
     *
     * @throws UnknownHostException when an endpoint does not resolve
     */
    public static String of(TunnelConfig config) throws UnknownHostException {
        Map<Endpoint, InetSocketAddress> resolved = new HashMap<>();
        for (PeerConfig p : config.peers()) {
            if (p.endpoint().isPresent() && !resolved.containsKey(p.endpoint().get())) {
                resolved.put(p.endpoint().get(), p.endpoint().get().resolve());
            }
        }
        return of(config, resolved::get);
    }

    /** {@code 1.2.3.4:51820} or {@code [v6%scope]:51820}, numeric as the UAPI requires. */
    private static String format(InetSocketAddress a, Endpoint e) {
        if (a == null || a.isUnresolved()) {
            throw new IllegalArgumentException("endpoint " + e + " is not resolved");
        }
        if (a.getAddress() instanceof Inet4Address v4) {
            return IpNetwork.format(v4) + ":" + a.getPort();
        }
        Inet6Address v6 = (Inet6Address) a.getAddress();
        return "[" + IpNetwork.format(v6) + scope(v6) + "]:" + a.getPort();
    }

    /** The scope by interface name where there is one, as wg prints it (getnameinfo), else by index. */
    private static String scope(Inet6Address v6) {
        if (v6.getScopedInterface() != null) {
            return "%" + v6.getScopedInterface().getName();
        }
        if (v6.getScopeId() == 0) {
            return "";
        }
        try {
            NetworkInterface nif = NetworkInterface.getByIndex(v6.getScopeId());
            return "%" + (nif != null ? nif.getName() : Integer.toString(v6.getScopeId()));
        } catch (SocketException e) {
            return "%" + v6.getScopeId();
        }
    }
}
