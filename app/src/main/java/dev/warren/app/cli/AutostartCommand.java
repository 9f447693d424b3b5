package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.TunnelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warren autostart NAME on|off}. */
@Command(name = "autostart", description = {"Start a tunnel at boot, or stop doing so.",
        "A tunnel marked on starts whenever the manager starts, at boot included."})
final class AutostartCommand extends ClientCommand {

    enum Switch { ON, OFF }

    @Parameters(index = "0", paramLabel = "NAME", description = "The tunnel.")
    String name;

    @Parameters(index = "1", paramLabel = "on|off", description = "on: start it at boot; off: do not.")
    Switch value;

    @Override
    int run(ManagerClient manager) {
        TunnelSummary s = ManagerClient.await(manager.setBootStart(name, value == Switch.ON));
        out().println(s.name() + (s.bootStart() ? ": starts at boot" : ": does not start at boot"));
        out().flush();
        return 0;
    }
}
