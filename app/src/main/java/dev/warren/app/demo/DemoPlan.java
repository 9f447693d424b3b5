package dev.warren.app.demo;

import dev.warren.core.config.IpNetwork;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Objects;

/**
 * The names and addresses one demo uses. The peer lives in network namespace {@code netns}, joined to this host by
 * a veth pair (host end named like the namespace, peer end {@code veth0} inside it) carrying the underlay /30; the
 * WireGuard interfaces use a second /30. Both come from one /29 of {@link #POOL} that no existing route touches.
 *
 * @param tunnel       the tunnel's name in the manager (and its interface on this host)
 * @param netns        the peer's network namespace; also the name of the host's veth end and of the peer's
 *                     WireGuard interface (whose UAPI socket in /var/run/wireguard is shared by all namespaces)
 * @param block        the /29 everything is numbered from
 */
public record DemoPlan(String tunnel, String netns, IpNetwork block) {

    /** Where demo blocks come from: a /16 home networks and cloud providers rarely number from. */
    public static final IpNetwork POOL = IpNetwork.parse("10.217.0.0/16");
    public static final String DEFAULT_NETNS = "warren-demo";
    public static final String DEFAULT_TUNNEL = "demo";
    /** The peer's end of the veth pair, inside its namespace, where the name cannot clash. */
    public static final String PEER_VETH = "veth0";
    /** The peer's WireGuard port, in its own namespace, where nothing else listens. */
    public static final int PEER_PORT = 51820;
    /** The peer's web server port, on its tunnel address. */
    public static final int HTTP_PORT = 80;
    private static final int BLOCK_PREFIX = 29;

    public DemoPlan {
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(block, "block");
        if (netns == null || !netns.matches("[a-zA-Z0-9_.-]{1,15}")) {
            throw new IllegalArgumentException("demo namespace name '" + netns + "': 1 to 15 letters, digits, "
                    + "'_', '.' or '-' (it is also an interface name)");
        }
        if (!block.isIpv4() || block.prefixLength() != BLOCK_PREFIX || !block.equals(block.masked())) {
            throw new IllegalArgumentException("demo block " + block + ": must be an IPv4 /" + BLOCK_PREFIX);
        }
    }

    /**
     * The first /29 of {@link #POOL} that overlaps none of {@code routes}. Default routes (/0, and the two /1
     * halves VPN clients install instead) overlap everything and are ignored: a more specific route wins anyway.
     *
     * @throws DemoException when every block is taken
     */
    public static DemoPlan choose(String tunnel, String netns, Collection<IpNetwork> routes) {
        int base = v4(POOL.address());
        int blocks = 1 << (BLOCK_PREFIX - POOL.prefixLength());
        for (int i = 0; i < blocks; i++) {
            IpNetwork candidate = new IpNetwork(v4(base + (i << (32 - BLOCK_PREFIX))), BLOCK_PREFIX);
            boolean clashes = routes.stream()
                    .anyMatch(r -> r.isIpv4() && r.prefixLength() > 1 && r.overlaps(candidate));
            if (!clashes) {
                return new DemoPlan(tunnel, netns, candidate);
            }
        }
        throw new DemoException("every /" + BLOCK_PREFIX + " of " + POOL + " is already routed on this machine, so the "
                + "demo has no addresses left to use");
    }

    /** This host's end of the veth pair. */
    public String hostVeth() {
        return netns;
    }

    /** The peer's WireGuard interface, inside {@link #netns}. */
    public String peerInterface() {
        return netns;
    }

    public InetAddress hostUnderlay() {
        return at(1);
    }

    public InetAddress peerUnderlay() {
        return at(2);
    }

    public InetAddress hostTunnel() {
        return at(5);
    }

    public InetAddress peerTunnel() {
        return at(6);
    }

    /** The prefix of each /30 on its interface. */
    public int linkPrefix() {
        return 30;
    }

    public String pageUrl() {
        return "http://" + IpNetwork.format(peerTunnel()) + (HTTP_PORT == 80 ? "" : ":" + HTTP_PORT) + "/";
    }

    private InetAddress at(int offset) {
        return v4(v4(block.address()) + offset);
    }

    private static int v4(InetAddress a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static Inet4Address v4(int a) {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {(byte) (a >>> 24), (byte) (a >>> 16),
                    (byte) (a >>> 8), (byte) a});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an address", e);
        }
    }
}
