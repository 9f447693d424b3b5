package dev.warren.bridge.linux;

import java.io.IOException;

/**
 * The kernel refused an rtnetlink request. The message names the request (e.g. {@code add route 10.0.0.0/8 dev
 * #42 table 254}), the errno and, where the kernel gives one, its own explanation (extended ACK).
 */
public final class NetlinkException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    NetlinkException(String request, int errno, String kernelMessage) {
        super(request + ": " + LibC.describe(errno)
                + (kernelMessage == null || kernelMessage.isEmpty() ? "" : " - kernel says: " + kernelMessage));
        this.errno = errno;
    }

    /** The positive errno, e.g. 17 (EEXIST) or 19 (ENODEV). */
    public int errno() {
        return errno;
    }
}
