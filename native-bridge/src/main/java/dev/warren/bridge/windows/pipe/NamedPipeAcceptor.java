package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcAcceptor;
import dev.warren.bridge.ipc.IpcConnection;
import dev.warren.bridge.windows.WindowsApiException;
import java.io.IOException;

/**
 * The manager's named-pipe server: {@code \\.\pipe\Warren\Manager}, byte mode, local clients only, with the
 * {@link PipeSecurity} descriptor.
 *
 * <p>The first instance is created with {@code FILE_FLAG_FIRST_PIPE_INSTANCE}, so that if another process already
 * owns the name (a second manager, or a squatter hoping to receive clients' requests) opening fails instead of
 * quietly sharing it. A fresh instance is created as soon as a client connects, before that client is examined, so
 * the next client never finds the pipe missing.
 *
 * <p>Every client is returned with its identity, refused ones too (their role empty), so that the IPC layer tells
 * them why in the protocol, as on Linux; the DACL has already kept out everyone outside SYSTEM, Administrators and
 * the operator group.
 */
public final class NamedPipeAcceptor implements IpcAcceptor {

    public static final String MANAGER_PIPE = "\\\\.\\pipe\\Warren\\Manager";
    static final int BUFFER_SIZE = 64 * 1024;
    private static final int OPEN_MODE = NamedPipeApi.PIPE_ACCESS_DUPLEX | NamedPipeApi.FILE_FLAG_OVERLAPPED;
    private static final int PIPE_MODE = NamedPipeApi.PIPE_TYPE_BYTE | NamedPipeApi.PIPE_READMODE_BYTE
            | NamedPipeApi.PIPE_WAIT | NamedPipeApi.PIPE_REJECT_REMOTE_CLIENTS;

    private final NamedPipeApi api;
    private final CallerAuthorizer authorizer;
    private final String name;
    private final String sddl;
    private long pending;
    private boolean accepting;
    private boolean closed;

    private NamedPipeAcceptor(NamedPipeApi api, CallerAuthorizer authorizer, String name) {
        this.api = api;
        this.authorizer = authorizer;
        this.name = name;
        this.sddl = PipeSecurity.sddl(authorizer.operatorGroupSid());
    }

    /**
     * Creates the pipe's first instance.
     *
     * @throws IOException naming the pipe when another process already owns it
     */
    public static NamedPipeAcceptor open(NamedPipeApi api, CallerAuthorizer authorizer, String name)
            throws IOException {
        NamedPipeAcceptor acceptor = new NamedPipeAcceptor(api, authorizer, name);
        try {
            acceptor.pending = acceptor.createInstance(NamedPipeApi.FILE_FLAG_FIRST_PIPE_INSTANCE);
        } catch (WindowsApiException e) {
            if (e.code() == WindowsApiException.ERROR_ACCESS_DENIED) {
                throw new IOException(name + " is already in use by another process; is another Warren manager "
                        + "running?", e);
            }
            throw e;
        }
        return acceptor;
    }

    private long createInstance(int extraFlags) throws WindowsApiException {
        return api.createNamedPipe(name, OPEN_MODE | extraFlags, PIPE_MODE, NamedPipeApi.PIPE_UNLIMITED_INSTANCES,
                BUFFER_SIZE, BUFFER_SIZE, sddl);
    }

    @Override
    public IpcConnection accept() throws IOException {
        long pipe;
        synchronized (this) {
            if (accepting) {
                throw new IllegalStateException("accept() is already running on another thread");
            }
            if (closed) {
                return null;
            }
            if (pending == 0) {
                pending = createInstance(0);
            }
            accepting = true;
            pipe = pending;
        }
        try {
            api.connectNamedPipe(pipe);
        } catch (WindowsApiException e) {
            synchronized (this) {
                accepting = false;
                if (closed) {
                    api.close(pipe);
                    return null;
                }
            }
            throw e;
        }
        synchronized (this) {
            accepting = false;
            if (closed) {
                api.disconnect(pipe);
                api.close(pipe);
                return null;
            }
            try {
                pending = createInstance(0);
            } catch (WindowsApiException e) {
                // No next instance: drop this client too rather than serve it from the handle that accept()
                // would otherwise connect again; the next accept() retries the creation.
                pending = 0;
                api.disconnect(pipe);
                api.close(pipe);
                throw e;
            }
        }
        return new PipeConnection(api, pipe, identify(pipe));
    }

    /** A client whose token cannot be read (e.g. it exited at once) is refused like a stranger. */
    private CallerIdentity identify(long pipe) {
        int pid = -1;
        try {
            pid = api.clientProcessId(pipe);
            return authorizer.identify(pid);
        } catch (IOException e) {
            return CallerIdentity.unknown("pid " + pid + ", token unreadable: " + e.getMessage());
        }
    }

    @Override
    public String refusal(CallerIdentity caller) {
        return authorizer.refusal(caller);
    }

    @Override
    public String adminHint() {
        return "run Warren as an administrator (elevated)";
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (accepting) {
            api.cancelIo(pending);
        } else if (pending != 0) {
            api.close(pending);
        }
    }
}
