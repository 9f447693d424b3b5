package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.TunnelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warren up NAME}. */
@Command(name = "up", description = {"Start a tunnel.",
        "Running tunnels whose addresses overlap it are stopped first."})
final class UpCommand extends ClientCommand {

    @Parameters(paramLabel = "NAME", description = "The tunnel to start.")
    String name;

    @Override
    int run(ManagerClient manager) {
        TunnelSummary s = ManagerClient.await(manager.startTunnel(name));
        out().println(s.name() + ": " + s.state().name().toLowerCase());
        out().flush();
        return 0;
    }
}
