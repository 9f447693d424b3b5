package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcConnection;
import dev.warren.bridge.windows.WindowsApiException;
import java.io.IOException;
import java.util.Optional;

/**
 * The client end of the manager pipe, for the CLI and the GUI: opened overlapped (so a thread reading notifications
 * never blocks another sending a request), identification-only (the server may learn who we are but never act as
 * us), and trusted only if LocalSystem owns the pipe and the instance reached is served from session 0.
 *
 * <p>A user's process could otherwise create {@code \\.\pipe\Warren\Manager} while the manager is down, or add an
 * instance of its own beside the manager's, and collect what clients send it, such as configs with private keys.
 * The owner check stops the first: only a process as privileged as the manager can make LocalSystem the owner of a
 * pipe it creates. The pipe's DACL stops the second (operators are not granted {@code FILE_CREATE_PIPE_INSTANCE},
 * others nothing at all), which matters because every instance shares the pipe's descriptor, so a squatted instance
 * would have the manager's owner too.
 *
 * <p>The session check is the client's own look at the serving end, a second fence behind the DACL. Checking that the
 * serving process's token user is LocalSystem would need {@code OpenProcessToken(TOKEN_QUERY)} on the manager's
 * process, which Windows grants to SYSTEM and Administrators only: every standard user's and every non-elevated
 * administrator's client would be refused. {@code GetNamedPipeServerSessionId} needs nothing
 * but the pipe handle, and services run in session 0, which has held no interactive desktop since Vista (interactive
 * logons get session 1 and up), so a server anybody started from their desktop is refused. Session 0 is not proof of a
 * service on its own (SSH, WinRM and batch logons also run there), which is why it is checked beside the owner and
 * behind the DACL, not instead of them.
 */
public final class NamedPipeClient {

    /** How often a busy pipe (every instance taken at that instant) is waited for before giving up. */
    static final int BUSY_ATTEMPTS = 3;
    static final int BUSY_WAIT_MILLIS = 2_000;
    static final int ERROR_PIPE_BUSY = 231;
    /** The services' session, where the manager runs. */
    static final int SERVICES_SESSION = 0;

    private NamedPipeClient() {
    }

    /**
     * Connects to {@code name}.
     *
     * @return the connection; its {@link IpcConnection#caller()} is the server: LocalSystem, in session 0
     * @throws IOException saying the manager is not running when there is no such pipe, or naming the owner of a pipe
     *     that is not LocalSystem's, or the session serving the instance reached when that is not session 0, or
     *     that the session could not be learned
     */
    public static IpcConnection connect(NamedPipeApi api, String name) throws IOException {
        long pipe = open(api, name);
        try {
            String owner = api.ownerSid(pipe);
            if (!owner.equals(PipeSecurity.LOCAL_SYSTEM)) {
                throw new IOException(name + " is owned by " + owner + ", not LocalSystem, so it is not the Warren "
                        + "manager; nothing was sent to it");
            }
            int session = serverSession(api, pipe, name);
            if (session != SERVICES_SESSION) {
                throw new IOException("the instance of " + name + " this client reached is served from session "
                        + session + ", not from the services' session 0, so it is not the Warren manager; nothing was "
                        + "sent to it");
            }
            return new PipeConnection(api, pipe, new CallerIdentity(owner, "pipe server in session " + session,
                    Optional.empty()));
        } catch (IOException | RuntimeException e) {
            api.close(pipe);
            throw e;
        }
    }

    private static int serverSession(NamedPipeApi api, long pipe, String name) throws IOException {
        try {
            return api.serverSessionId(pipe);
        } catch (WindowsApiException e) {
            throw new IOException("could not learn which session serves the instance of " + name + " this client "
                    + "reached (" + e.getMessage() + "), so it is not trusted as the Warren manager; nothing was sent "
                    + "to it", e);
        }
    }

    private static long open(NamedPipeApi api, String name) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return api.openClient(name);
            } catch (WindowsApiException e) {
                if (e.code() == WindowsApiException.ERROR_FILE_NOT_FOUND) {
                    throw new IOException("the Warren manager is not running (no " + name + "); start the "
                            + "WarrenManager service, or install it with 'warren manager --install'", e);
                }
                if (e.code() != ERROR_PIPE_BUSY || attempt == BUSY_ATTEMPTS) {
                    throw e;
                }
            }
            try {
                api.waitForInstance(name, BUSY_WAIT_MILLIS);
            } catch (WindowsApiException e) {
                // A timeout (or the pipe vanishing) is decided by the next attempt to open it.
            }
        }
    }
}
