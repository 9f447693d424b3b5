package dev.warren.bridge.windows.udp;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.warren.bridge.windows.WindowsApiException;

/** {@link Winsock} on the real {@code ws2_32.dll}. */
public final class JnaWinsock implements Winsock {

    /** {@code sizeof(WSADATA)} on x64: 4 WORDs, a pointer, {@code char[257]} and {@code char[129]}, padded to 8. */
    static final int WSADATA_SIZE = 408;
    static final short WINSOCK_2_2 = 0x0202;
    static final int WSA_FLAG_OVERLAPPED = 0x01;
    static final int WSA_FLAG_NO_HANDLE_INHERIT = 0x80;
    static final long INVALID_SOCKET = -1;
    static final int SOCKET_ERROR = -1;

    private final Ws2Binding ws2;

    JnaWinsock(Ws2Binding ws2) {
        this.ws2 = ws2;
    }

    /** Binds {@code ws2_32.dll}. */
    public static JnaWinsock load() {
        return new JnaWinsock(Ws2_32.load());
    }

    @Override
    public void startup() throws WindowsApiException {
        try (Memory data = new Memory(WSADATA_SIZE)) {
            int status = ws2.WSAStartup(WINSOCK_2_2, data);
            if (status != 0) {
                throw new WindowsApiException("WSAStartup", status, "Winsock 2.2");
            }
        }
    }

    @Override
    public void cleanup() {
        ws2.WSACleanup();
    }

    @Override
    public long udpSocket(int family) throws WindowsApiException {
        long s = ws2.WSASocketW(family, SOCK_DGRAM, IPPROTO_UDP, null, 0,
                WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
        if (s == INVALID_SOCKET) {
            throw new WindowsApiException("WSASocketW", Native.getLastError(), "UDP, family " + family);
        }
        return s;
    }

    @Override
    public void setOption(long socket, int level, int option, int value) throws WindowsApiException {
        try (Memory v = new Memory(4)) {
            v.setInt(0, value);
            if (ws2.setsockopt(socket, level, option, v, 4) == SOCKET_ERROR) {
                throw new WindowsApiException("setsockopt", Native.getLastError(),
                        "level " + level + ", option " + option + " = " + value);
            }
        }
    }

    @Override
    public void ioctl(long socket, int code, boolean value) throws WindowsApiException {
        try (Memory in = new Memory(4); Memory returned = new Memory(4)) {
            in.setInt(0, value ? 1 : 0);
            if (ws2.WSAIoctl(socket, code, in, 4, null, 0, returned, null, null) == SOCKET_ERROR) {
                throw new WindowsApiException("WSAIoctl", Native.getLastError(),
                        "0x" + Integer.toHexString(code) + " = " + value);
            }
        }
    }

    @Override
    public void bind(long socket, long address, int length) throws WindowsApiException {
        if (ws2.bind(socket, address, length) == SOCKET_ERROR) {
            throw new WindowsApiException("bind", Native.getLastError());
        }
    }

    @Override
    public int localPort(long socket) throws WindowsApiException {
        try (Memory address = new Memory(SockaddrIn6.SIZE); Memory length = new Memory(4)) {
            length.setInt(0, SockaddrIn6.SIZE);
            if (ws2.getsockname(socket, Pointer.nativeValue(address), Pointer.nativeValue(length))
                    == SOCKET_ERROR) {
                throw new WindowsApiException("getsockname", Native.getLastError());
            }
            return SockaddrIn6.port(address);
        }
    }

    @Override
    public int receiveFrom(long socket, long buffer, int length, long from, long fromLength)
            throws WindowsApiException {
        int n = ws2.recvfrom(socket, buffer, length, 0, from, fromLength);
        if (n == SOCKET_ERROR) {
            throw new WindowsApiException("recvfrom", Native.getLastError());
        }
        return n;
    }

    @Override
    public int sendTo(long socket, long buffer, int length, long to, int toLength) throws WindowsApiException {
        int n = ws2.sendto(socket, buffer, length, 0, to, toLength);
        if (n == SOCKET_ERROR) {
            throw new WindowsApiException("sendto", Native.getLastError());
        }
        return n;
    }

    @Override
    public void closeSocket(long socket) {
        ws2.closesocket(socket);
    }
}
