package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.Protocol;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --socket} option every command that talks to the manager accepts, and the connection it makes. */
final class ManagerConnection {

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Manager socket (default: $warren.socket or " + "/run/warren/manager.sock)")
    Path socket;

    ManagerClient connect() {
        return ManagerClient.connect(socket != null ? socket : Protocol.socketPath());
    }
}
