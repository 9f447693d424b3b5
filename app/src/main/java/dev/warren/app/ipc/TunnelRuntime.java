package dev.warren.app.ipc;

import java.util.List;
import java.util.Objects;

/**
 * The live state of a running tunnel as {@code tunnels.runtime} returns it (like {@code wg show}).
 *
 * @param name       the tunnel name
 * @param publicKey  the interface's public key, base64
 * @param listenPort the UDP port the tunnel listens on
 * @param mtu        the interface MTU in use
 * @param addresses  the interface addresses, canonical text
 * @param dns        the DNS servers and search domains in use
 * @param peers      one entry per peer, in config order
 * @param killSwitch the kill-switch in force, as {@code KillSwitchSetting.describe()} says it ("off", "on", "on,
 *                   local network allowed")
 */
public record TunnelRuntime(String name, String publicKey, int listenPort, int mtu, List<String> addresses,
        List<String> dns, List<PeerRuntime> peers, String killSwitch) {
    public TunnelRuntime {
        Objects.requireNonNull(name, "name");
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
        dns = dns == null ? List.of() : List.copyOf(dns);
        peers = peers == null ? List.of() : List.copyOf(peers);
        killSwitch = killSwitch == null ? "off" : killSwitch;
    }
}
