package dev.warren.bridge.windows.udp;

import com.sun.jna.Pointer;
import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Winsock in memory: every call recorded (sockets as {@code s1}, {@code s2}... in creation order), datagrams the test
 * queues delivered by a blocking {@code recvfrom} that, like Windows', returns {@code WSAEINTR} once the socket is
 * closed under it, and every {@code sendto} decoded from the native sockaddr it was given.
 */
public final class RecordingWinsock implements Winsock {

    /** A datagram to deliver, or (with {@code error} set) a failing recvfrom. */
    record Incoming(byte[] data, InetSocketAddress from, int error) {
        static Incoming datagram(byte[] data, InetSocketAddress from) {
            return new Incoming(data, from, 0);
        }

        static Incoming failure(int error) {
            return new Incoming(null, null, error);
        }
    }

    final CallLog log;
    final Map<String, Integer> failures = new HashMap<>();
    final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();
    /** The payload of every sendto, read from the native memory it was given. */
    final List<byte[]> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<Long> closed = ConcurrentHashMap.newKeySet();
    private final Map<Long, Integer> boundPorts = new ConcurrentHashMap<>();
    /** How many threads are inside recvfrom right now. */
    final AtomicInteger receiving = new AtomicInteger();
    private long sockets;
    private int ephemeral = 49152;

    public RecordingWinsock(CallLog log) {
        this.log = log;
    }

    public static String name(long socket) {
        return "s" + socket;
    }

    private void maybeFail(String function) throws WindowsApiException {
        Integer code = failures.remove(function);
        if (code != null) {
            throw new WindowsApiException(function, code);
        }
    }

    @Override
    public void startup() throws WindowsApiException {
        log.add("WSAStartup", "2.2");
        maybeFail("WSAStartup");
    }

    @Override
    public void cleanup() {
        log.add("WSACleanup");
    }

    @Override
    public synchronized long udpSocket(int family) throws WindowsApiException {
        long s = ++sockets;
        log.add("WSASocketW", family, "SOCK_DGRAM", "IPPROTO_UDP", "-> " + name(s));
        maybeFail("WSASocketW");
        return s;
    }

    @Override
    public void setOption(long socket, int level, int option, int value) throws WindowsApiException {
        log.add("setsockopt", name(socket), level, option, value);
        maybeFail("setsockopt");
    }

    @Override
    public void ioctl(long socket, int code, boolean value) throws WindowsApiException {
        log.add("WSAIoctl", name(socket), "0x" + Integer.toHexString(code), value);
        maybeFail("WSAIoctl");
    }

    @Override
    public void bind(long socket, long address, int length) throws WindowsApiException {
        log.add("bind", name(socket), describe(address), length);
        maybeFail("bind");
        int port = SockaddrIn6.port(new Pointer(address));
        boundPorts.put(socket, port == 0 ? ephemeral++ : port);
    }

    @Override
    public int localPort(long socket) throws WindowsApiException {
        log.add("getsockname", name(socket));
        maybeFail("getsockname");
        return boundPorts.get(socket);
    }

    @Override
    public int receiveFrom(long socket, long buffer, int length, long from, long fromLength)
            throws WindowsApiException {
        receiving.incrementAndGet();
        try {
            while (true) {
                if (closed.contains(socket)) {
                    throw new WindowsApiException("recvfrom", WSAEINTR);
                }
                Incoming in = incoming.poll(5, TimeUnit.MILLISECONDS);
                if (in == null) {
                    continue;
                }
                if (in.error() != 0) {
                    throw new WindowsApiException("recvfrom", in.error());
                }
                int n = Math.min(length, in.data().length);
                new Pointer(buffer).write(0, in.data(), 0, n);
                encode(from, in.from());
                new Pointer(fromLength).setInt(0, SockaddrIn6.SIZE);
                return n;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WindowsApiException("recvfrom", WSAEINTR);
        } finally {
            receiving.decrementAndGet();
        }
    }

    @Override
    public int sendTo(long socket, long buffer, int length, long to, int toLength) throws WindowsApiException {
        log.add("sendto", name(socket), length + " bytes", describe(to), toLength);
        sent.add(new Pointer(buffer).getByteArray(0, length));
        maybeFail("sendto");
        return length;
    }

    @Override
    public void closeSocket(long socket) {
        log.add("closesocket", name(socket));
        closed.add(socket);
    }

    /**
     * The {@code SOCKADDR_IN6} at {@code address} as Windows would read it, insisting on the layout: {@code [addr]:port}
     * with an IPv4-mapped address shown as {@code ::ffff:a.b.c.d} and a scope as {@code %n}.
     */
    static String describe(long address) {
        Pointer p = new Pointer(address);
        if (p.getShort(0) != AF_INET6) {
            throw new AssertionError("sockaddr family " + p.getShort(0) + ", not AF_INET6 (23)");
        }
        if (p.getInt(SockaddrIn6.FLOWINFO_OFFSET) != 0) {
            throw new AssertionError("sin6_flowinfo must be 0");
        }
        byte[] raw = p.getByteArray(SockaddrIn6.ADDR_OFFSET, 16);
        int scope = p.getInt(SockaddrIn6.SCOPE_OFFSET);
        String host;
        try {
            boolean mapped = Arrays.equals(raw, 0, 12,
                    new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff}, 0, 12);
            host = mapped ? "::ffff:" + InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16))
                    .getHostAddress() : InetAddress.getByAddress(raw).getHostAddress() + (scope != 0 ? "%" + scope : "");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        return "[" + host + "]:" + SockaddrIn6.port(p);
    }

    /** Writes {@code a} as the kernel reports a sender on a dual-stack socket (IPv4 as IPv4-mapped). */
    static void encode(long address, InetSocketAddress a) {
        Pointer p = new Pointer(address);
        p.setMemory(0, SockaddrIn6.SIZE, (byte) 0);
        p.setShort(0, (short) AF_INET6);
        p.setByte(SockaddrIn6.PORT_OFFSET, (byte) (a.getPort() >> 8));
        p.setByte(SockaddrIn6.PORT_OFFSET + 1, (byte) a.getPort());
        InetAddress ip = a.getAddress();
        if (ip instanceof Inet6Address v6) {
            p.write(SockaddrIn6.ADDR_OFFSET, v6.getAddress(), 0, 16);
            p.setInt(SockaddrIn6.SCOPE_OFFSET, v6.getScopeId());
        } else {
            p.setShort(SockaddrIn6.ADDR_OFFSET + 10, (short) 0xffff);
            p.write(SockaddrIn6.ADDR_OFFSET + 12, ip.getAddress(), 0, 4);
        }
    }
}
