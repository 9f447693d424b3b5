package dev.warren.bridge.windows.udp;

import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.NetworkWatch;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.bridge.windows.net.NetworkChangeMonitor;
import dev.warren.bridge.windows.net.UnicastInterfaceBinder;
import dev.warren.bridge.windows.net.Uplink;
import dev.warren.core.spi.Bind;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.foreign.MemorySegment;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The UDP {@link Bind} on Windows: one dual-stack Winsock socket ({@code AF_INET6} with {@code IPV6_V6ONLY = 0}),
 * blocking {@code recvfrom}/{@code sendto} on the caller's direct buffers (heap ones through a per-thread staging
 * copy), pinned to the uplink.
 *
 * <p><b>Pinned to the uplink.</b> A full tunnel's default route would otherwise carry the tunnel's own encrypted
 * packets back into the tunnel. Linux breaks that loop with a firewall mark and policy rules; Windows has neither,
 * so, as WireGuard for Windows does, the socket's sends are pinned to the best non-tunnel default-route interface
 * ({@code IP_UNICAST_IF} for IPv4, {@code IPV6_UNICAST_IF} for IPv6, by {@link UnicastInterfaceBinder}) and
 * re-pinned whenever the {@link NetworkWatch} reports another uplink (Wi-Fi to Ethernet, a VPN-less network after
 * sleep); without an uplink the pin is cleared (index 0).
 *
 * <p><b>One socket, not wireguard-go's two.</b> One blocking {@link #receive} serves both families, as on Linux,
 * where that measured cheaper than two sockets with a wait on both. Microsoft documents the {@code IPPROTO_IP}
 * options for {@code AF_INET} sockets only and does not say whether {@code IP_UNICAST_IF} applies to the IPv4-mapped
 * traffic of a dual-stack socket; Tailscale sets both options on the dual-stack sockets Go opens for "udp" and
 * relies on that on Windows. Both calls are checked: if Windows refused the IPv4 one, {@link #open} fails saying so
 * rather than running unpinned. This has not been run on Windows (see native-bridge/WINDOWS.md).
 *
 * <p><b>Closing</b> calls {@code closesocket}, which is what makes a {@code recvfrom} blocked in another thread
 * return. A rebind opens the new socket before closing the old one, so the old handle's value cannot come back as
 * the new socket under a reader still holding it. What remains is the window between a reader loading the handle
 * and entering {@code recvfrom} while {@link #close()} runs: another socket created in the process at that instant
 * could receive the old value.
 *
 * <p>ICMP port-unreachable and time-exceeded errors are switched off ({@code SIO_UDP_CONNRESET},
 * {@code SIO_UDP_NETRESET}): Windows would otherwise fail the next {@code recvfrom} of the shared socket because one
 * peer's endpoint was unreachable. A datagram larger than the receive buffer ({@code WSAEMSGSIZE}) is dropped.
 *
 * <p><b>No allocation per packet</b>: Winsock is bound by JNA direct mapping, sockaddrs are per-thread native buffers
 * with caches ({@link SockaddrIn6}), and a buffer's native address is taken through a short-lived FFM segment view,
 * the kind of object C2's escape analysis removes (as in {@code WintunTun}).
 */
public final class WindowsBind implements Bind {

    private static final ThreadLocal<SockaddrIn6> RECEIVE_ADDR = ThreadLocal.withInitial(SockaddrIn6::new);
    private static final ThreadLocal<SockaddrIn6> SEND_ADDR = ThreadLocal.withInitial(SockaddrIn6::new);
    /** The largest UDP payload: what a staging buffer must hold. */
    static final int STAGING_SIZE = 65535;
    /**
     * Per thread, native memory for heap buffers (the engine's packets are heap arrays, whose address Winsock cannot
     * take): a datagram is received into it and copied out, or copied in and sent from it. Made once per thread, so
     * no packet allocates one.
     */
    private static final ThreadLocal<ByteBuffer> STAGING =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGING_SIZE));

    /** An open socket; {@code closed} tells a reader whose recvfrom failed that close or a rebind woke it. */
    private static final class Socket {
        final long handle;
        final int port;
        volatile boolean closed;

        Socket(long handle, int port) {
            this.handle = handle;
            this.port = port;
        }
    }

    private final Winsock winsock;
    private final UnicastInterfaceBinder binder;
    private final NetworkWatch watch;
    /** Guards the pins and the publication of {@link #socket}; taken by uplink notifications, never around them. */
    private final Object pinLock = new Object();
    private final Map<AddressFamily, Integer> uplinkIndex = new EnumMap<>(AddressFamily.class);
    private volatile Socket socket;
    private volatile WindowsApiException pinFailure;
    private Closeable uplinkSubscription;
    private boolean started;
    /** Set by close(), cleared by open(); while neither socket nor closed, receivers wait for open. */
    private boolean closed;

    public WindowsBind(Winsock winsock, UnicastInterfaceBinder binder, NetworkWatch watch) {
        this.winsock = winsock;
        this.binder = binder;
        this.watch = watch;
    }

    private final NetworkChangeMonitor.Listener uplinks = new NetworkChangeMonitor.Listener() {
        @Override
        public void uplinkChanged(AddressFamily family, Optional<Uplink> uplink) {
            int index = uplink.map(Uplink::interfaceIndex).orElse(0);
            synchronized (pinLock) {
                Integer previous = uplinkIndex.put(family, index);
                Socket s = socket;
                if (s != null && (previous == null || previous != index)) {
                    try {
                        binder.bind(s.handle, family, index);
                        pinFailure = null;
                    } catch (WindowsApiException e) {
                        // Reported by the next send: the tunnel's packets must not silently take the tunnel's route.
                        pinFailure = e;
                    }
                }
            }
        }

        @Override
        public void tunnelMtuChanged(long luid, AddressFamily family, int mtu) {
        }
    };

    @Override
    public synchronized int open(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("UDP port must be 0-65535, not " + port);
        }
        if (!started) {
            winsock.startup();
            started = true;
        }
        Socket fresh = bind(port);
        Socket old;
        synchronized (pinLock) {
            try {
                for (Map.Entry<AddressFamily, Integer> pin : uplinkIndex.entrySet()) {
                    binder.bind(fresh.handle, pin.getKey(), pin.getValue());
                }
            } catch (WindowsApiException e) {
                winsock.closeSocket(fresh.handle);
                throw e;
            }
            old = socket;
            socket = fresh;
            pinFailure = null;
        }
        closed = false;
        notifyAll();
        if (old != null) {
            closeSocket(old);
        }
        if (uplinkSubscription == null) {
            try {
                uplinkSubscription = watch.subscribe(uplinks);
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }
        return fresh.port;
    }

    private Socket bind(int port) throws IOException {
        long s = winsock.udpSocket(Winsock.AF_INET6);
        try {
            winsock.setOption(s, Winsock.IPPROTO_IPV6, Winsock.IPV6_V6ONLY, 0);
            winsock.ioctl(s, Winsock.SIO_UDP_CONNRESET, false);
            winsock.ioctl(s, Winsock.SIO_UDP_NETRESET, false);
            SockaddrIn6 any = new SockaddrIn6();
            long address = any.encode(new InetSocketAddress(Inet6Address.getByAddress(new byte[16]), port));
            try {
                winsock.bind(s, address, SockaddrIn6.SIZE);
            } catch (WindowsApiException e) {
                throw e.code() == Winsock.WSAEADDRINUSE ? new IOException("UDP port " + port + " is in use", e) : e;
            }
            return new Socket(s, winsock.localPort(s));
        } catch (IOException | RuntimeException e) {
            winsock.closeSocket(s);
            throw e;
        }
    }

    @Override
    public int port() {
        Socket s = socket;
        return s == null ? 0 : s.port;
    }

    /**
     * Receives one datagram into {@code dst} from its position (through the thread's staging buffer when {@code dst}
     * is a heap buffer).
     *
     * @return the sender, or null once closed
     */
    @Override
    public InetSocketAddress receive(ByteBuffer dst) throws IOException {
        ByteBuffer into = dst.isDirect() ? dst
                : STAGING.get().clear().limit(Math.min(dst.remaining(), STAGING_SIZE));
        SockaddrIn6 from = RECEIVE_ADDR.get();
        while (true) {
            Socket s = socket;
            if (s == null && (s = awaitOpen()) == null) {
                return null;
            }
            if (s.closed) {
                continue;
            }
            int position = dst.position();
            from.prepareReceive();
            int n;
            try {
                n = winsock.receiveFrom(s.handle, MemorySegment.ofBuffer(into).address(), into.remaining(),
                        from.receivedAddress, from.receivedLengthAddress);
            } catch (WindowsApiException e) {
                if (s.closed || e.code() == Winsock.WSAEMSGSIZE) {
                    continue; // woken by close or a rebind (look again), or an oversize datagram (dropped)
                }
                throw new IOException("UDP receive on port " + s.port + ": " + e.getMessage(), e);
            }
            if (into != dst) {
                dst.put(position, into, 0, n);
            }
            dst.position(position + n);
            return from.decode();
        }
    }

    /**
     * Sends the bytes from {@code src}'s position to its limit to {@code to} (copied into the thread's staging buffer
     * first when {@code src} is a heap buffer).
     */
    @Override
    public void send(ByteBuffer src, InetSocketAddress to) throws IOException {
        Socket s = socket;
        if (s == null) {
            throw new ClosedChannelException();
        }
        WindowsApiException unpinned = pinFailure;
        if (unpinned != null) {
            throw new IOException("UDP send to " + to + " withheld: the socket could not be pinned to the uplink, "
                    + "so it would go into the tunnel itself", unpinned);
        }
        long destination = SEND_ADDR.get().encode(to);
        int length = src.remaining();
        ByteBuffer from = src;
        if (!src.isDirect()) {
            if (length > STAGING_SIZE) {
                throw new IllegalArgumentException("a UDP datagram holds at most " + STAGING_SIZE + " bytes, not "
                        + length);
            }
            from = STAGING.get().clear().put(0, src, src.position(), length).limit(length);
        }
        int n;
        try {
            n = winsock.sendTo(s.handle, MemorySegment.ofBuffer(from).address(), length, destination, SockaddrIn6.SIZE);
        } catch (WindowsApiException e) {
            if (s.closed) {
                throw new ClosedChannelException();
            }
            throw new IOException("UDP send of " + length + " bytes to " + to + ": " + e.getMessage(), e);
        }
        src.position(src.position() + n);
    }

    /**
     * Nothing to do: Windows has no firewall marks. What a mark achieves on Linux (the tunnel's own packets leave
     * by the uplink, not the tunnel) is achieved here by pinning the socket to the uplink.
     */
    @Override
    public void setFwmark(int mark) {
    }

    @Override
    public synchronized void close() throws IOException {
        Socket s;
        synchronized (pinLock) {
            s = socket;
            socket = null;
        }
        closed = true;
        notifyAll();
        Closeable subscription = uplinkSubscription;
        uplinkSubscription = null;
        try {
            if (subscription != null) {
                subscription.close();
            }
        } finally {
            if (s != null) {
                closeSocket(s);
            }
            if (started) {
                started = false;
                winsock.cleanup();
            }
        }
    }

    private void closeSocket(Socket s) {
        s.closed = true;
        winsock.closeSocket(s.handle);
    }

    /** Waits while the bind is between sockets (not yet opened); null once closed. */
    private synchronized Socket awaitOpen() throws IOException {
        while (socket == null && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the UDP bind to open");
            }
        }
        return socket;
    }
}
