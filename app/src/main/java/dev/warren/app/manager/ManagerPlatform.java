package dev.warren.app.manager;

import dev.warren.app.ipc.UnixSocketAcceptor;
import dev.warren.bridge.Platform;
import dev.warren.bridge.ipc.IpcAcceptor;
import dev.warren.bridge.windows.WindowsPlatform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** What the manager's own plumbing is on an OS: where clients connect and how tunnel files are kept. */
public interface ManagerPlatform {

    /**
     * Opens where clients connect, once, when the manager starts.
     *
     * @param log receives what narrows who can connect (e.g. a missing group)
     * @throws IOException if another manager already holds it, or it cannot be opened
     */
    IpcAcceptor openTransport(ManagerOptions options, Consumer<String> log) throws IOException;

    /** Opens the tunnel files in {@code directory}. */
    TunnelFiles openStore(Path directory) throws IOException;

    /** Linux: the Unix socket at {@link ManagerOptions#socket()} and plain 0600 files. */
    ManagerPlatform LINUX = new ManagerPlatform() {
        @Override
        public IpcAcceptor openTransport(ManagerOptions options, Consumer<String> log) throws IOException {
            return UnixSocketAcceptor.open(options.socket(), options.access(), log);
        }

        @Override
        public TunnelFiles openStore(Path directory) throws IOException {
            return PlainTunnelFiles.open(directory);
        }
    };

    /**
     * The plumbing for {@code platform}: on Windows the named pipe {@code \\.\pipe\Warren\Manager} (its operator
     * group the SID in {@link dev.warren.app.ipc.AccessPolicy#operatorGroup()}) and DPAPI-encrypted files; elsewhere
     * {@link #LINUX}.
     */
    static ManagerPlatform of(Platform platform) {
        if (platform instanceof WindowsPlatform windows) {
            return new ManagerPlatform() {
                @Override
                public IpcAcceptor openTransport(ManagerOptions options, Consumer<String> log) throws IOException {
                    return windows.bridge().openManagerPipe(options.access().operatorGroup());
                }

                @Override
                public TunnelFiles openStore(Path directory) throws IOException {
                    return DpapiTunnelFiles.open(windows.bridge().configStore(directory));
                }
            };
        }
        return LINUX;
    }
}
