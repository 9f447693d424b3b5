package dev.warren.app.cli;

import dev.warren.app.ipc.ManagerClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --socket} option every command that talks to the manager accepts, and the connection it makes. */
final class ManagerConnection {

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Manager socket (default: $warren.socket or " + "/run/warren/manager.sock; on Windows the "
                    + "pipe \\\\.\\pipe\\Warren\\Manager)")
    Path socket;

    /** The given socket, else this system's manager (the default socket, or the pipe on Windows). */
    ManagerClient connect() {
        return socket != null ? ManagerClient.connect(socket) : ManagerClient.connect();
    }
}
