package dev.warren.bridge.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;

/**
 * The few libc calls the Linux bridge needs, bound with JNA direct mapping ({@link Native#register}) so that a
 * call costs one JNI transition and no reflection or argument boxing.
 *
 * <p>Calls return -1 and leave {@code errno} in {@link Native#getLastError()} rather than throwing
 * {@code LastErrorException}: {@code EAGAIN} is the normal way out of a non-blocking read on the hot path and
 * must not cost an exception. Hot-path calls take buffer and sockaddr addresses as {@code long}s (see
 * {@link BufferAddresses}): JNA's conversion of {@code ByteBuffer} and {@code Pointer} arguments costs more
 * than the rest of the call.
 */
final class LibC {

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private LibC() {
    }

    // errno values (asm-generic, identical on x86_64 and aarch64)
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EBADFD = 77;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRINUSE = 98;
    static final int ENOBUFS = 105;

    // open(2) / fcntl(2)
    static final int O_RDWR = 0x2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;

    // socket(2)
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int AF_NETLINK = 16;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    // setsockopt(2)
    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_MARK = 36;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;

    static final int SHUT_RDWR = 2;

    // poll(2)
    static final short POLLIN = 0x1;

    // eventfd(2)
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;

    static native int open(String path, int flags);

    static native int close(int fd);

    static native long read(int fd, long buf, long count);

    static native long write(int fd, long buf, long count);

    static native long write(int fd, Pointer buf, long count);

    /** ioctl(2) for requests that take a pointer (struct ifreq and friends). */
    static native int ioctl(int fd, long request, Pointer arg);

    static native int poll(Pointer fds, long nfds, int timeoutMillis);

    static native int eventfd(int initval, int flags);

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, Pointer addr, int addrlen);

    static native int getsockname(int fd, Pointer addr, Pointer addrlen);

    static native int setsockopt(int fd, int level, int name, Pointer value, int len);

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer len);

    static native long sendto(int fd, long buf, long len, int flags, long addr, int addrlen);

    static native long recvfrom(int fd, long buf, long len, int flags, long addr, long addrlen);

    static native long send(int fd, ByteBuffer buf, long len, int flags);

    static native long recv(int fd, ByteBuffer buf, long len, int flags);

    static native int shutdown(int fd, int how);

    static native String strerror(int errnum);

    /** {@code strerror(errno) (errno N)} for exception messages. */
    static String describe(int errno) {
        return strerror(errno) + " (errno " + errno + ")";
    }
}
