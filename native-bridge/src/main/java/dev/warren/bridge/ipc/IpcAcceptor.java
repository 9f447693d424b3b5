package dev.warren.bridge.ipc;

import java.io.Closeable;
import java.io.IOException;

/**
 * Accepts the manager's IPC clients: the Unix socket on Linux, the named pipe on Windows. Each connection comes with
 * its caller's identity; the JSON-RPC layer above serves admitted callers and tells refused ones why.
 */
public interface IpcAcceptor extends Closeable {

    /**
     * Blocks until a client connects.
     *
     * @return the connection (its caller's role empty if refused), or {@code null} once the acceptor is closed
     */
    IpcConnection accept() throws IOException;

    /** The sentence a refused caller is told: who may use the manager, and how to become one of them. */
    String refusal(CallerIdentity caller);

    /** How an operator becomes an administrator, for the error of a call that needs {@link Role#ADMIN}. */
    String adminHint();

    /** Stops accepting; a blocked {@link #accept()} returns {@code null}. Open connections stay open. */
    @Override
    void close() throws IOException;
}
