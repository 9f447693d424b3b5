package dev.warren.bridge.linux;

import com.sun.jna.Native;
import dev.warren.bridge.InterfaceDeletedException;
import dev.warren.core.spi.TunDevice;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A layer-3 TUN interface from {@code /dev/net/tun} ({@code IFF_TUN | IFF_NO_PI}: each read or write is exactly
 * one IP packet with no extra header).
 *
 * <p>Packets go straight between the fd and the caller's direct buffer (no copy, no allocation). The fd is
 * non-blocking and a reader that finds it empty waits in {@code poll(2)}, so {@link #close()} wakes it and
 * {@link #read} returns -1. If the interface is deleted from outside ({@code ip link del}), the kernel detaches
 * the fd and every read or write throws {@link InterfaceDeletedException}.
 *
 * <p>The interface is created in the network namespace of the thread that calls {@link #create}; the MTU and
 * flag ioctls go through a control socket opened at the same time, so they address that namespace too.
 */
public final class LinuxTun implements TunDevice {

    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final long SIOCGIFMTU = 0x8921;
    private static final long SIOCSIFMTU = 0x8922;
    private static final long SIOCGIFINDEX = 0x8933;
    private static final short IFF_UP = 0x1;

    private static final ThreadLocal<BufferAddresses> READ_BUF = ThreadLocal.withInitial(BufferAddresses::new);
    private static final ThreadLocal<BufferAddresses> WRITE_BUF = ThreadLocal.withInitial(BufferAddresses::new);

    private static final int TUN = 0;
    private static final int CONTROL = 1;

    private final String name;
    private final int index;
    private final FdGroup fds;

    private LinuxTun(String name, int index, FdGroup fds) {
        this.name = name;
        this.index = index;
        this.fds = fds;
    }

    /**
     * Creates (or attaches to an existing, unused) TUN interface called {@code name}; the kernel leaves it
     * down with no addresses and its default MTU (1500).
     *
     * @param name 1-15 characters; a pattern such as {@code wg%d} lets the kernel pick the number
     */
    public static LinuxTun create(String name) throws IOException {
        IfReq req = IfReq.withFlags(name, (short) (IFF_TUN | IFF_NO_PI));
        int tun = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (tun < 0) {
            throw new IOException("cannot open /dev/net/tun to create " + name + ": "
                    + LibC.describe(Native.getLastError()) + " (needs root or CAP_NET_ADMIN and the tun module)");
        }
        req.write();
        if (LibC.ioctl(tun, TUNSETIFF, req.getPointer()) < 0) {
            int errno = Native.getLastError();
            LibC.close(tun);
            throw new IOException("cannot create TUN interface " + name + " (TUNSETIFF): " + LibC.describe(errno)
                    + (errno == LibC.EBUSY ? "; an interface of that name exists and is in use or is not a TUN" : ""));
        }
        req.read();
        String actual = req.name();
        int control = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (control < 0) {
            int errno = Native.getLastError();
            LibC.close(tun);
            throw new IOException("TUN " + actual + ": control socket: " + LibC.describe(errno));
        }
        FdGroup fds = new FdGroup("TUN " + actual, 1, tun, control);
        IfReq idx = IfReq.named(actual);
        try {
            ioctl(fds, actual, SIOCGIFINDEX, idx, "SIOCGIFINDEX");
        } catch (IOException e) {
            fds.close();
            throw e;
        }
        return new LinuxTun(actual, idx.ifr_ifru.ifru_ivalue, fds);
    }

    @Override
    public String name() {
        return name;
    }

    /** The kernel's interface index (stable for the life of the interface). */
    public int index() {
        return index;
    }

    @Override
    public int mtu() throws IOException {
        IfReq req = IfReq.withInt(name, 0);
        control(SIOCGIFMTU, req, "SIOCGIFMTU");
        return req.ifr_ifru.ifru_ivalue;
    }

    /** Sets the interface MTU (68 or more for IPv4, 1280 or more where IPv6 is to stay enabled). */
    public void setMtu(int mtu) throws IOException {
        control(SIOCSIFMTU, IfReq.withInt(name, mtu), "SIOCSIFMTU " + mtu);
    }

    public boolean isUp() throws IOException {
        IfReq req = IfReq.withFlags(name, (short) 0);
        control(SIOCGIFFLAGS, req, "SIOCGIFFLAGS");
        return (req.ifr_ifru.ifru_flags & IFF_UP) != 0;
    }

    /** Brings the link up or down, keeping every other interface flag as it is. */
    public void setUp(boolean up) throws IOException {
        IfReq req = IfReq.withFlags(name, (short) 0);
        control(SIOCGIFFLAGS, req, "SIOCGIFFLAGS");
        short flags = req.ifr_ifru.ifru_flags;
        req.ifr_ifru.setType(short.class);
        req.ifr_ifru.ifru_flags = (short) (up ? flags | IFF_UP : flags & ~IFF_UP);
        control(SIOCSIFFLAGS, req, up ? "SIOCSIFFLAGS up" : "SIOCSIFFLAGS down");
    }

    /**
     * Reads one IP packet into {@code dst} (best direct; with room for an MTU-sized packet: the kernel truncates a
     * longer one).
     *
     * @return the packet length, or -1 once closed
     * @throws InterfaceDeletedException if the interface was deleted from outside
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        BufferAddresses buffers = READ_BUF.get();
        long address = buffers.readAddress(dst);
        if (!fds.acquire()) {
            return -1;
        }
        try {
            int fd = fds.fd(TUN);
            while (true) {
                int pos = dst.position();
                long n = LibC.read(fd, address, BufferAddresses.readLength(dst));
                if (n >= 0) {
                    buffers.completeRead(dst, (int) n);
                    dst.position(pos + (int) n);
                    return (int) n;
                }
                int errno = Native.getLastError();
                if (errno == LibC.EAGAIN) {
                    if (fds.awaitReadable() == 0) {
                        return -1;
                    }
                } else if (errno != LibC.EINTR) {
                    throw failure("read", errno);
                }
            }
        } finally {
            fds.release();
        }
    }

    /** Writes one IP packet (the bytes from {@code src}'s position to its limit; best direct). */
    @Override
    public void write(ByteBuffer src) throws IOException {
        long address = WRITE_BUF.get().writeAddress(src);
        fds.acquireOrThrow();
        try {
            int pos = src.position();
            int len = src.remaining();
            while (true) {
                long n = LibC.write(fds.fd(TUN), address, len);
                if (n >= 0) {
                    src.position(pos + (int) n);
                    return;
                }
                int errno = Native.getLastError();
                if (errno != LibC.EINTR) {
                    throw failure("write of " + len + " bytes", errno);
                }
            }
        } finally {
            fds.release();
        }
    }

    /** Closes the fd, which deletes the interface (it is not persistent); a blocked read returns -1. */
    @Override
    public void close() throws IOException {
        fds.close();
    }

    private IOException failure(String op, int errno) {
        if (errno == LibC.EBADFD || errno == LibC.EIO || errno == LibC.ENODEV) {
            return new InterfaceDeletedException(name, op + ": " + LibC.describe(errno));
        }
        return new IOException("TUN " + name + ": " + op + ": " + LibC.describe(errno));
    }

    private void control(long request, IfReq req, String what) throws IOException {
        fds.acquireOrThrow();
        try {
            ioctl(fds, name, request, req, what);
        } finally {
            fds.release();
        }
    }

    private static void ioctl(FdGroup fds, String name, long request, IfReq req, String what) throws IOException {
        req.write();
        if (LibC.ioctl(fds.fd(CONTROL), request, req.getPointer()) < 0) {
            int errno = Native.getLastError();
            if (errno == LibC.ENODEV) {
                throw new InterfaceDeletedException(name, what + ": " + LibC.describe(errno));
            }
            throw new IOException("TUN " + name + ": " + what + ": " + LibC.describe(errno));
        }
        req.read();
    }
}
