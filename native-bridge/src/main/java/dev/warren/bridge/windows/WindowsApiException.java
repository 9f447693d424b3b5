package dev.warren.bridge.windows;

import java.io.IOException;

/**
 * A Win32 call failed. Carries the function name and the Win32 error code so that callers can react to specific
 * codes (e.g. {@link #ERROR_NOT_FOUND} during cleanup) and so that the message names what failed.
 */
public final class WindowsApiException extends IOException {

    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_HANDLE_EOF = 38;
    public static final int ERROR_BROKEN_PIPE = 109;
    public static final int ERROR_BUFFER_OVERFLOW = 111;
    public static final int ERROR_NO_MORE_ITEMS = 259;
    public static final int ERROR_PIPE_CONNECTED = 535;
    public static final int ERROR_OPERATION_ABORTED = 995;
    public static final int ERROR_IO_PENDING = 997;
    public static final int ERROR_SERVICE_DOES_NOT_EXIST = 1060;
    public static final int ERROR_SERVICE_NOT_ACTIVE = 1062;
    public static final int ERROR_SERVICE_MARKED_FOR_DELETE = 1072;
    public static final int ERROR_NOT_FOUND = 1168;
    public static final int ERROR_OBJECT_ALREADY_EXISTS = 5010;

    private final String function;
    private final int code;

    public WindowsApiException(String function, int code) {
        this(function, code, null);
    }

    public WindowsApiException(String function, int code, String detail) {
        super(function + " failed with Win32 error " + code + (detail == null ? "" : " (" + detail + ")"));
        this.function = function;
        this.code = code;
    }

    /** The Win32 function that failed, e.g. {@code CreateIpForwardEntry2}. */
    public String function() {
        return function;
    }

    /** The Win32 error code ({@code GetLastError()} or the returned {@code NETIO_STATUS}). */
    public int code() {
        return code;
    }
}
