package dev.warren.app.ipc;

/**
 * JSON-RPC error codes: the five the JSON-RPC 2.0 specification defines, then Warren's own in the
 * implementation-defined range -32000..-32099.
 */
public enum ErrorCode {
    PARSE_ERROR(-32700),
    INVALID_REQUEST(-32600),
    METHOD_NOT_FOUND(-32601),
    INVALID_PARAMS(-32602),
    INTERNAL_ERROR(-32603),
    /** The caller is neither root nor in the admin or operator group; sent once, then the connection closes. */
    ACCESS_REFUSED(-32000),
    /** The caller's role does not allow this method. */
    FORBIDDEN(-32001),
    NO_SUCH_TUNNEL(-32002),
    TUNNEL_EXISTS(-32003),
    /** The config text does not parse or is not allowed; {@code data} lists each error. */
    INVALID_CONFIG(-32004),
    /** A tunnel could not be started or stopped; the message says at which step and why. */
    TUNNEL_FAILED(-32005),
    /** The manager is shutting down and takes no new work. */
    STOPPING(-32006),
    /** A limit on what one client may do was reached (connections, log writes); the message says which. */
    LIMIT_EXCEEDED(-32007);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The enum for a wire code, or {@link #INTERNAL_ERROR} for a code this version does not know. */
    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return INTERNAL_ERROR;
    }
}
