package dev.warren.bridge.windows.pipe;

import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcConnection;
import dev.warren.bridge.windows.WindowsApiException;
import java.io.IOException;
import java.util.Optional;

/**
 * The client end of the manager pipe, for the CLI and the GUI: opened overlapped (so a thread reading notifications
 * never blocks another sending a request), identification-only (the server may learn who we are but never act as
 * us), and trusted only if LocalSystem owns the pipe and the process serving this instance runs as LocalSystem.
 * A user's process could otherwise create {@code \\.\pipe\Warren\Manager} while the manager is down, or add an
 * instance of its own beside the manager's, and collect what clients send it, such as configs with private keys.
 * The owner alone is not enough: every instance shares the pipe's descriptor, so a squatted instance has the
 * manager's owner too; only the serving process tells instances apart.
 */
public final class NamedPipeClient {

    /** How often a busy pipe (every instance taken at that instant) is waited for before giving up. */
    static final int BUSY_ATTEMPTS = 3;
    static final int BUSY_WAIT_MILLIS = 2_000;
    static final int ERROR_PIPE_BUSY = 231;

    private NamedPipeClient() {
    }

    /**
     * Connects to {@code name}.
     *
     * @return the connection; its {@link IpcConnection#caller()} is the server: the serving process's user and id
     * @throws IOException saying the manager is not running when there is no such pipe, or naming the owner of a pipe
     *     that is not LocalSystem's, or the process and user serving the instance reached when that is not
     *     LocalSystem
     */
    public static IpcConnection connect(NamedPipeApi api, TokenApi tokens, String name) throws IOException {
        long pipe = open(api, name);
        try {
            String owner = api.ownerSid(pipe);
            if (!owner.equals(PipeSecurity.LOCAL_SYSTEM)) {
                throw new IOException(name + " is owned by " + owner + ", not LocalSystem, so it is not the Warren "
                        + "manager; nothing was sent to it");
            }
            int server = api.serverProcessId(pipe);
            String user = processUser(tokens, server);
            if (!user.equals(PipeSecurity.LOCAL_SYSTEM)) {
                throw new IOException("the instance of " + name + " this client reached is served by process " + server
                        + " running as " + user + ", not LocalSystem, so it is not the Warren manager; nothing was "
                        + "sent to it");
            }
            return new PipeConnection(api, pipe, new CallerIdentity(user, "pipe server, process " + server,
                    Optional.empty()));
        } catch (IOException | RuntimeException e) {
            api.close(pipe);
            throw e;
        }
    }

    private static String processUser(TokenApi tokens, int processId) throws WindowsApiException {
        long token = tokens.openProcessToken(processId);
        try {
            return tokens.userSid(token);
        } finally {
            tokens.close(token);
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
