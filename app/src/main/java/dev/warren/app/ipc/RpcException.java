package dev.warren.app.ipc;

import java.util.List;
import java.util.Objects;

/**
 * A JSON-RPC error: raised by method handlers in the manager, and what a client's futures complete with when the
 * manager answers with an error.
 */
public final class RpcException extends ManagerException {
    private final ErrorCode code;
    private final List<String> details;

    public RpcException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    /**
     * @param details one line per individual problem (e.g. each config error with its line and column); sent as
     *                the error's {@code data}
     */
    public RpcException(ErrorCode code, String message, List<String> details) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.details = List.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> details() {
        return details;
    }
}
