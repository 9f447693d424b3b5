package dev.warren.core.uapi;

/**
 * A UAPI operation failed; {@link #errno()} is the Linux errno that wireguard-go reports for the same failure,
 * which {@code wg(8)} turns into its message (22 prints "Invalid argument").
 *
 * <p>Messages name the line and key at fault but never the value of a private or preshared key.
 */
public final class UapiException extends Exception {

    /** Invalid argument: an unknown key, a malformed value, a key in the wrong section. */
    public static final int EINVAL = 22;
    /** No anode: wireguard-go's code for an unexpected internal failure. */
    public static final int ENOANO = 55;
    /** Protocol error: a line that is not {@code key=value}, or a request cut off mid-line. */
    public static final int EPROTO = 71;
    /** Address in use: the listen port or fwmark could not be applied to the socket. */
    public static final int EADDRINUSE = 98;

    private final int errno;

    public UapiException(int errno, String message) {
        super(message);
        if (errno <= 0) {
            throw new IllegalArgumentException("an errno is positive, not " + errno);
        }
        this.errno = errno;
    }

    public UapiException(int errno, String message, Throwable cause) {
        this(errno, message);
        initCause(cause);
    }

    /** The positive errno; on the wire it is sent negated, as wireguard-go does and wg(8) expects. */
    public int errno() {
        return errno;
    }
}
