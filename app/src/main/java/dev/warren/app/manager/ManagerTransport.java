package dev.warren.app.manager;

import dev.warren.app.ipc.UnixSocketAcceptor;
import dev.warren.bridge.Platform;
import dev.warren.bridge.ipc.IpcAcceptor;
import dev.warren.bridge.windows.WindowsPlatform;
import java.io.IOException;
import java.util.function.Consumer;

/** Where the manager listens for its clients: opened once when it starts. */
@FunctionalInterface
public interface ManagerTransport {

    /** The Unix socket at {@link ManagerOptions#socket()}, admitting by {@link ManagerOptions#access()}. */
    ManagerTransport UNIX_SOCKET = (options, log) -> UnixSocketAcceptor.open(options.socket(), options.access(), log);

    /**
     * @param log receives what narrows who can connect (e.g. a missing group)
     * @throws IOException if another manager already holds the transport, or it cannot be opened
     */
    IpcAcceptor open(ManagerOptions options, Consumer<String> log) throws IOException;

    /**
     * The transport of {@code platform}: the named pipe {@code \\.\pipe\Warren\Manager} on Windows, whose operator
     * group is the SID in {@link dev.warren.app.ipc.AccessPolicy#operatorGroup()}; the Unix socket elsewhere.
     */
    static ManagerTransport forPlatform(Platform platform) {
        if (platform instanceof WindowsPlatform windows) {
            return (options, log) -> windows.bridge().openManagerPipe(options.access().operatorGroup());
        }
        return UNIX_SOCKET;
    }
}
