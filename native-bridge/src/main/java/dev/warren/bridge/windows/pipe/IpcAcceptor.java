package dev.warren.bridge.windows.pipe;

import java.io.Closeable;
import java.io.IOException;

/** Accepts IPC clients: the named pipe server on Windows, the Unix socket server on Linux. */
public interface IpcAcceptor extends Closeable {

    /**
     * Blocks until a client the OS identifies as an administrator or operator connects. Refused clients are
     * disconnected without being returned.
     *
     * @return the connection, or {@code null} once the acceptor is closed
     */
    IpcConnection accept() throws IOException;

    /** Stops accepting; a blocked {@link #accept()} returns {@code null}. Open connections stay open. */
    @Override
    void close() throws IOException;
}
