package dev.warren.bridge.ipc;

import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One accepted IPC client: a byte stream each way plus the caller's OS identity. The OS-neutral shape the manager's
 * JSON-RPC layer serves, whether the transport is the Windows named pipe or the Linux Unix socket.
 *
 * <p>{@link #in()} and {@link #out()} may be used from two threads at once (one reading requests, one pushing
 * notifications). Closing the connection makes a blocked read return -1.
 */
public interface IpcConnection extends Closeable {

    InputStream in();

    OutputStream out();

    CallerIdentity caller();
}
