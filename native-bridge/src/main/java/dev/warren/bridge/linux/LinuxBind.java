package dev.warren.bridge.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import dev.warren.core.spi.Bind;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The UDP {@link Bind} on Linux: one IPv4 and one IPv6-only socket on the same port, driven through JNA with
 * {@code recvfrom}/{@code sendto} straight on the caller's direct buffers.
 *
 * <p><b>Two sockets, not one dual-stack socket</b> (as wireguard-go): the bind still works with IPv6 disabled
 * (the v6 socket is simply absent), every peer address has its own family's sockaddr instead of an IPv4-mapped
 * IPv6 one, and each family can later get its own sticky-source control messages.
 *
 * <p><b>No allocation per packet</b>: the sockaddr is a per-thread native buffer, and the sender returned by
 * {@link #receive} is the same {@link InetSocketAddress} object as long as the peer's address does not change
 * (likewise the destination is only re-encoded when {@link #send} is given a different object).
 *
 * <p>Receiving uses {@code MSG_DONTWAIT} and waits in {@code poll(2)} together with a wake-up eventfd, so
 * {@link #close()} (or a rebinding {@link #open}) releases a blocked receiver at once. Sending stays blocking
 * so a full socket buffer pushes back on the sender instead of dropping.
 *
 * <p>Sockets are created in the network namespace of the thread that calls {@link #open}.
 */
public final class LinuxBind implements Bind {

    private static final int MSG_DONTWAIT = 0x40;
    private static final int V4 = 0;
    private static final int V6 = 1;
    private static final int PORT_ATTEMPTS = 100;
    private static final ThreadLocal<SocketAddressBuffer> RECEIVE_ADDR = ThreadLocal.withInitial(SocketAddressBuffer::new);
    private static final ThreadLocal<SocketAddressBuffer> SEND_ADDR = ThreadLocal.withInitial(SocketAddressBuffer::new);
    private static final ThreadLocal<int[]> NEXT_FAMILY = ThreadLocal.withInitial(() -> new int[1]);

    /** The open sockets: fd 0 is IPv4, fd 1 (when hasV6) IPv6. */
    private record Sockets(FdGroup fds, int port, boolean hasV6) {
    }

    private volatile Sockets sockets;
    /** Set by close(), cleared by open(); while neither sockets nor closed, receivers wait for open. */
    private boolean closed;
    private int fwmark;

    @Override
    public synchronized int open(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("UDP port must be 0-65535, not " + port);
        }
        Sockets old = sockets;
        sockets = null;
        closed = false;
        if (old != null) {
            old.fds().close();
        }
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? PORT_ATTEMPTS : 1); attempt++) {
            try {
                Sockets s = bindBoth(port);
                sockets = s;
                notifyAll();
                return s.port();
            } catch (PortTakenException e) {
                // Port 0 gave a v4 port whose v6 twin is taken: try another, as wireguard-go does.
                last = e;
            }
        }
        throw last;
    }

    @Override
    public int port() {
        Sockets s = sockets;
        return s == null ? 0 : s.port();
    }

    /** Whether an IPv6 socket is open (false on hosts with IPv6 disabled). */
    public boolean hasIpv6() {
        Sockets s = sockets;
        return s != null && s.hasV6();
    }

    /**
     * Receives one datagram into {@code dst} (direct). A datagram longer than the space from position to limit
     * is truncated to it.
     *
     * @return the sender, or null once closed
     */
    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        LinuxTun.requireDirect(dst);
        SocketAddressBuffer from = RECEIVE_ADDR.get();
        int[] next = NEXT_FAMILY.get();
        while (true) {
            Sockets s = sockets;
            if (s == null && (s = awaitOpen()) == null) {
                return null;
            }
            if (!s.fds().acquire()) {
                continue;
            }
            try {
                int families = s.hasV6() ? 2 : 1;
                // Alternate the family tried first so a busy v4 peer cannot starve v6 ones, or the reverse.
                int first = next[0];
                next[0] = (first + 1) % families;
                InetSocketAddress sender = null;
                boolean woken = false;
                while (sender == null && !woken) {
                    for (int i = 0; i < families && sender == null; i++) {
                        sender = tryReceive(s.fds().fd((first + i) % families), dst, from);
                    }
                    if (sender == null) {
                        woken = s.fds().awaitReadable() == 0;
                    }
                }
                if (sender != null) {
                    return sender;
                }
            } finally {
                s.fds().release();
            }
            // Woken because the sockets were closed: either the bind is closed or open() rebound it.
        }
    }

    /** Waits while the bind is between sockets (not yet opened, or rebinding); null once closed. */
    private synchronized Sockets awaitOpen() throws IOException {
        while (sockets == null && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the UDP bind to open");
            }
        }
        return sockets;
    }

    private static InetSocketAddress tryReceive(int fd, ByteBuffer dst, SocketAddressBuffer from) throws IOException {
        while (true) {
            from.prepareReceive();
            int pos = dst.position();
            long n = LibC.recvfrom(fd, dst, dst.remaining(), MSG_DONTWAIT, from.addr, from.addrLen);
            if (n >= 0) {
                dst.position(pos + (int) n);
                return from.decode();
            }
            int errno = Native.getLastError();
            if (errno == LibC.EAGAIN) {
                return null;
            }
            if (errno != LibC.EINTR) {
                throw new IOException("UDP receive: " + LibC.describe(errno));
            }
        }
    }

    /** Sends the bytes from {@code src}'s position to its limit (direct) to {@code to}. */
    @Override
    public void send(ByteBuffer src, InetSocketAddress to) throws IOException {
        LinuxTun.requireDirect(src);
        Sockets s = sockets;
        if (s == null || !s.fds().acquire()) {
            throw new ClosedChannelException();
        }
        try {
            boolean v4 = to.getAddress() instanceof Inet4Address;
            if (!v4 && !s.hasV6()) {
                throw new IOException("cannot send to " + to + ": IPv6 is not available on this host");
            }
            SocketAddressBuffer dest = SEND_ADDR.get();
            int addrLen = dest.encode(to);
            int len = src.remaining();
            while (true) {
                long n = LibC.sendto(s.fds().fd(v4 ? V4 : V6), src, len, 0, dest.addr, addrLen);
                if (n >= 0) {
                    src.position(src.position() + (int) n);
                    return;
                }
                int errno = Native.getLastError();
                if (errno != LibC.EINTR) {
                    throw new IOException("UDP send of " + len + " bytes to " + to + ": " + LibC.describe(errno));
                }
            }
        } finally {
            s.fds().release();
        }
    }

    /**
     * Sets SO_MARK on both sockets (needs CAP_NET_ADMIN) and remembers it for later rebinds; 0 clears it.
     * Policy routing uses the mark to keep the tunnel's own packets out of the tunnel.
     */
    @Override
    public synchronized void setFwmark(int mark) throws IOException {
        Sockets s = sockets;
        if (s != null) {
            if (!s.fds().acquire()) {
                throw new ClosedChannelException();
            }
            try {
                applyMark(s.fds().fd(V4), mark);
                if (s.hasV6()) {
                    applyMark(s.fds().fd(V6), mark);
                }
            } finally {
                s.fds().release();
            }
        }
        fwmark = mark;
    }

    @Override
    public synchronized void close() throws IOException {
        Sockets s = sockets;
        sockets = null;
        closed = true;
        notifyAll();
        if (s != null) {
            s.fds().close();
        }
    }

    private Sockets bindBoth(int port) throws IOException {
        int v4 = socket(LibC.AF_INET);
        int v6 = -1;
        try {
            bind(v4, new InetSocketAddress(Inet4Address.getByAddress(new byte[4]), port));
            int actual = localPort(v4);
            v6 = LibC.socket(LibC.AF_INET6, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
            if (v6 < 0) {
                int errno = Native.getLastError();
                if (errno != LibC.EAFNOSUPPORT) {
                    throw new IOException("UDP socket (IPv6): " + LibC.describe(errno));
                }
            } else {
                setIntOption(v6, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 1, "IPV6_V6ONLY");
                try {
                    bind(v6, new InetSocketAddress(Inet6Address.getByAddress(new byte[16]), actual));
                } catch (PortTakenException e) {
                    if (port != 0) {
                        throw new IOException("UDP port " + port + " is free for IPv4 but taken for IPv6", e);
                    }
                    throw e;
                }
            }
            if (fwmark != 0) {
                applyMark(v4, fwmark);
                if (v6 >= 0) {
                    applyMark(v6, fwmark);
                }
            }
            FdGroup fds = v6 >= 0 ? new FdGroup("UDP bind :" + actual, 2, v4, v6)
                    : new FdGroup("UDP bind :" + actual, 1, v4);
            return new Sockets(fds, actual, v6 >= 0);
        } catch (IOException | RuntimeException e) {
            LibC.close(v4);
            if (v6 >= 0) {
                LibC.close(v6);
            }
            throw e;
        }
    }

    private static int socket(int family) throws IOException {
        int fd = LibC.socket(family, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("UDP socket: " + LibC.describe(Native.getLastError()));
        }
        return fd;
    }

    private static void bind(int fd, InetSocketAddress local) throws IOException {
        SocketAddressBuffer a = new SocketAddressBuffer();
        if (LibC.bind(fd, a.addr, a.encode(local)) < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.EADDRINUSE) {
                throw new PortTakenException("UDP port " + local.getPort() + " is in use (" + local + ")");
            }
            throw new IOException("UDP bind " + local + ": " + LibC.describe(errno));
        }
    }

    private static int localPort(int fd) throws IOException {
        SocketAddressBuffer a = new SocketAddressBuffer();
        a.prepareReceive();
        if (LibC.getsockname(fd, a.addr, a.addrLen) < 0) {
            throw new IOException("getsockname: " + LibC.describe(Native.getLastError()));
        }
        return a.decode().getPort();
    }

    private static void applyMark(int fd, int mark) throws IOException {
        setIntOption(fd, LibC.SOL_SOCKET, LibC.SO_MARK, mark, "SO_MARK 0x" + Integer.toHexString(mark)
                + " (needs CAP_NET_ADMIN)");
    }

    private static void setIntOption(int fd, int level, int name, int value, String what) throws IOException {
        try (Memory v = new Memory(4)) {
            v.setInt(0, value);
            if (LibC.setsockopt(fd, level, name, v, 4) < 0) {
                throw new IOException("setsockopt " + what + ": " + LibC.describe(Native.getLastError()));
            }
        }
    }

    /** EADDRINUSE, distinguished so that open(0) can retry with another port. */
    private static final class PortTakenException extends IOException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
