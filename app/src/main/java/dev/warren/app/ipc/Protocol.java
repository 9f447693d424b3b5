package dev.warren.app.ipc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;

/**
 * The wire contract between the manager and its clients: JSON-RPC 2.0, one UTF-8 JSON object per line
 * ({@code \n}-terminated), over a Unix domain socket.
 *
 * <p>Method names and their parameters ({@code params} is always an object):
 * <pre>
 * session.info          {}                                   → SessionInfo          operator
 * manager.state         {}                                   → {"state": ManagerState} operator
 * manager.quit          {}                                   → null                 admin
 * tunnels.list          {}                                   → [TunnelSummary]      operator
 * tunnels.get           {name}                               → StoredConfig         operator (redacted)
 * tunnels.runtime       {name}                               → TunnelRuntime|null   operator
 * tunnels.create        {name, config}                       → TunnelSummary        admin
 * tunnels.update        {name, newName?, config}             → TunnelSummary        admin
 * tunnels.delete        {name}                               → null                 admin
 * tunnels.start         {name}                               → TunnelSummary        operator
 * tunnels.stop          {name}                               → TunnelSummary        operator
 * tunnels.setBootStart  {name, enabled}                      → TunnelSummary        admin
 * tunnels.exportZip     {}                                   → {"zip": base64}      admin
 * log.read              {cursor, limit}                      → LogPage              operator
 * log.write             {message}                            → null                 operator (rate-limited)
 * </pre>
 * Notifications (no {@code id}) pushed to every client:
 * <pre>
 * tunnel.stateChanged   TunnelStateChange
 * tunnels.changed       {"tunnels": [TunnelSummary]}
 * manager.stateChanged  {"state": ManagerState}
 * log.appended          {"entries": [LogEntry]}
 * manager.stopping      {}
 * </pre>
 * A refused client receives one error response with {@code "id": null} and code {@link ErrorCode#ACCESS_REFUSED},
 * then the manager closes the connection; so does a connection beyond {@link IpcServer#MAX_CONNECTIONS}, with
 * {@link ErrorCode#LIMIT_EXCEEDED}. A client that leaves more than 8 MiB of replies unread is disconnected.
 */
public final class Protocol {
    /** Longest accepted frame in bytes, excluding the newline; longer frames are answered with an error. */
    public static final int MAX_FRAME_BYTES = 1 << 20;

    /** Where the manager listens unless told otherwise. */
    public static final Path DEFAULT_SOCKET = Path.of("/run/warren/manager.sock");

    /** System property that overrides {@link #DEFAULT_SOCKET} (used by tests and by {@code --socket}). */
    public static final String SOCKET_PROPERTY = "warren.socket";

    public static final String SESSION_INFO = "session.info";
    public static final String MANAGER_STATE = "manager.state";
    public static final String MANAGER_QUIT = "manager.quit";
    public static final String TUNNELS_LIST = "tunnels.list";
    public static final String TUNNELS_GET = "tunnels.get";
    public static final String TUNNELS_RUNTIME = "tunnels.runtime";
    public static final String TUNNELS_CREATE = "tunnels.create";
    public static final String TUNNELS_UPDATE = "tunnels.update";
    public static final String TUNNELS_DELETE = "tunnels.delete";
    public static final String TUNNELS_START = "tunnels.start";
    public static final String TUNNELS_STOP = "tunnels.stop";
    public static final String TUNNELS_SET_BOOT_START = "tunnels.setBootStart";
    public static final String TUNNELS_EXPORT_ZIP = "tunnels.exportZip";
    public static final String LOG_READ = "log.read";
    public static final String LOG_WRITE = "log.write";

    public static final String TUNNEL_STATE_CHANGED = "tunnel.stateChanged";
    public static final String TUNNELS_CHANGED = "tunnels.changed";
    public static final String MANAGER_STATE_CHANGED = "manager.stateChanged";
    public static final String LOG_APPENDED = "log.appended";
    public static final String MANAGER_STOPPING = "manager.stopping";

    private Protocol() {
    }

    /** The socket to use: the {@value #SOCKET_PROPERTY} system property if set, else {@link #DEFAULT_SOCKET}. */
    public static Path socketPath() {
        String p = System.getProperty(SOCKET_PROPERTY);
        return p == null || p.isBlank() ? DEFAULT_SOCKET : Path.of(p);
    }

    /**
     * The JSON mapper both sides use. Unknown properties are tolerated in results so that an older client keeps
     * working against a newer manager; the manager checks request parameters strictly itself.
     */
    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
    }
}
