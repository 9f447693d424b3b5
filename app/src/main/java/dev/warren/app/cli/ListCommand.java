package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.TunnelSummary;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code warren list}: one line per stored tunnel. */
@Command(name = "list", description = "List the stored tunnels with their state.")
final class ListCommand extends ClientCommand {

    @Override
    int run(ManagerClient manager) {
        List<TunnelSummary> tunnels = ManagerClient.await(manager.listTunnels());
        if (tunnels.isEmpty()) {
            out().println("No tunnels. Import one with `warren import FILE`.");
        } else {
            int width = Math.max(4, tunnels.stream().mapToInt(t -> t.name().length()).max().orElse(4));
            String fmt = "%-" + width + "s  %-12s  %-4s  %s%n";
            out().printf(fmt, "NAME", "STATE", "BOOT", "ADDRESSES");
            for (TunnelSummary t : tunnels) {
                out().printf(fmt, t.name(), t.state().name().toLowerCase(), t.bootStart() ? "yes" : "",
                        String.join(", ", t.addresses()));
                if (t.error() != null) {
                    out().println("  error: " + t.error());
                }
            }
        }
        out().flush();
        return 0;
    }
}
