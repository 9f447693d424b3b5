package dev.warren.app.demo;

import dev.warren.app.ipc.Protocol;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a demo runs: where it records its state, which manager it uses, its names, and whether it opens the GUI.
 *
 * @param stateDir the demo's own directory: state file, logs of the processes it starts, screenshots
 * @param socket   the manager socket; a demo that has to start the manager starts it on this socket
 * @param netns    the peer's network namespace (also its interface names)
 * @param tunnel   the tunnel's name in the manager
 * @param gui      whether to open the GUI (on the display, or on a virtual one when there is none)
 */
public record DemoOptions(Path stateDir, Path socket, String netns, String tunnel, boolean gui) {

    public static final Path DEFAULT_STATE_DIR = Path.of("/var/lib/warren/demo");

    public DemoOptions {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(tunnel, "tunnel");
    }

    /** How the user runs Warren, for the commands the demo suggests: {@code ./warren} from a source checkout. */
    public static String command() {
        String c = System.getenv("WARREN_COMMAND");
        return c == null || c.isBlank() ? "warren" : c;
    }

    /**
     * The arguments of the manager a demo starts. On the default socket it is the system's manager with its
     * default store and log; on any other socket (a test's) its store and log live in the demo's directory, so
     * that such a demo never touches the system's tunnels.
     */
    public List<String> managerArguments() {
        if (socket.equals(Protocol.DEFAULT_SOCKET)) {
            return List.of("manager");
        }
        return List.of("manager", "--socket", socket.toString(), "--store", stateDir.resolve("tunnels").toString(),
                "--log", stateDir.resolve("manager-ring.log").toString());
    }
}
