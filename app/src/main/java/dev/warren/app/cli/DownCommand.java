package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.TunnelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warren down NAME}. */
@Command(name = "down", description = "Stop a tunnel.")
final class DownCommand extends ClientCommand {

    @Parameters(paramLabel = "NAME", description = "The tunnel to stop.")
    String name;

    @Override
    int run(ManagerClient manager) {
        TunnelSummary s = ManagerClient.await(manager.stopTunnel(name));
        out().println(s.name() + ": " + s.state().name().toLowerCase());
        out().flush();
        return 0;
    }
}
