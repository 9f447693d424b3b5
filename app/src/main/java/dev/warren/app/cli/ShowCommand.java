package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.PeerRuntime;
import dev.warren.app.ipc.TunnelRuntime;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.ipc.TunnelSummary;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warren show [NAME]}: live figures of running tunnels, worded like {@code wg show}. */
@Command(name = "show", description = {"Show the live state of a tunnel, or of all running tunnels.",
        "Like `wg show`: peers, endpoints, latest handshakes and transfer."})
final class ShowCommand extends ClientCommand {

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The tunnel; all running tunnels if omitted.")
    String name;

    @Override
    int run(ManagerClient manager) {
        List<String> names = name != null ? List.of(name)
                : ManagerClient.await(manager.listTunnels()).stream()
                        .filter(t -> t.state() == TunnelState.ACTIVE).map(TunnelSummary::name).toList();
        if (names.isEmpty()) {
            out().println("No tunnel is running.");
        }
        boolean first = true;
        for (String n : names) {
            if (!first) {
                out().println();
            }
            first = false;
            TunnelRuntime r = ManagerClient.await(manager.runtime(n));
            if (r == null) {
                out().println("interface: " + n + " (not running)");
                continue;
            }
            print(r, System.currentTimeMillis());
        }
        out().flush();
        return 0;
    }

    private void print(TunnelRuntime r, long now) {
        out().println("interface: " + r.name());
        out().println("  public key: " + r.publicKey());
        out().println("  private key: (hidden)");
        out().println("  listening port: " + r.listenPort());
        out().println("  kill-switch: " + r.killSwitch());
        for (PeerRuntime p : r.peers()) {
            out().println();
            out().println("peer: " + p.publicKey());
            if (p.presharedKey()) {
                out().println("  preshared key: (hidden)");
            }
            if (p.endpoint() != null) {
                out().println("  endpoint: " + p.endpoint());
            }
            out().println("  allowed ips: " + (p.allowedIps().isEmpty() ? "(none)" : String.join(", ", p.allowedIps())));
            if (p.lastHandshakeEpochMillis() > 0) {
                out().println("  latest handshake: " + HumanFormat.ago(p.lastHandshakeEpochMillis(), now));
            }
            if (p.rxBytes() > 0 || p.txBytes() > 0) {
                out().println("  transfer: " + HumanFormat.transfer(p.rxBytes(), p.txBytes()));
            }
            if (p.persistentKeepaliveSeconds() > 0) {
                out().println("  persistent keepalive: " + HumanFormat.keepalive(p.persistentKeepaliveSeconds()));
            }
        }
    }
}
