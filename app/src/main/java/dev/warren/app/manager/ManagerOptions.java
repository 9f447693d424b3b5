package dev.warren.app.manager;

import dev.warren.app.ipc.AccessPolicy;
import dev.warren.app.ipc.Protocol;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a manager runs.
 *
 * @param socket       where the IPC socket goes ({@link Protocol#DEFAULT_SOCKET})
 * @param store        the config store directory ({@link ConfigStore#DEFAULT_DIR})
 * @param log          the ring log file ({@link #DEFAULT_LOG})
 * @param runtimeState the record of what running tunnels changed on the system, for cleanup after a crash
 * @param allowScripts whether PreUp/PostUp/PreDown/PostDown may run
 * @param access       which groups may do what
 */
public record ManagerOptions(Path socket, Path store, Path log, Path runtimeState, boolean allowScripts,
        AccessPolicy access) {

    public static final Path DEFAULT_LOG = Path.of("/var/log/warren/manager.log");

    public ManagerOptions {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(runtimeState, "runtimeState");
        Objects.requireNonNull(access, "access");
    }

    /** The lock file that keeps a second manager from starting on the same socket. */
    Path lockFile() {
        return socket.resolveSibling(socket.getFileName() + ".lock");
    }

    /** The lock file that keeps a second manager (on another socket) from writing to the same ring log. */
    Path logLockFile() {
        return log.resolveSibling(log.getFileName() + ".lock");
    }

    /** The runtime state file next to the socket, under /run by default, which a reboot clears. */
    public static Path defaultRuntimeState(Path socket) {
        return socket.toAbsolutePath().resolveSibling("runtime.json");
    }
}
