package dev.warren.bridge.windows.udp;

import dev.warren.bridge.windows.WindowsApiException;

/**
 * The Winsock ({@code ws2_32.dll}) calls the UDP bind makes, one method per function. Buffers and socket addresses
 * are native addresses, so the per-packet calls pass plain {@code long}s. {@link JnaWinsock} is the real thing; the
 * test sources hold a recording fake.
 */
public interface Winsock {

    int AF_INET6 = 23;
    int SOCK_DGRAM = 2;
    int IPPROTO_UDP = 17;
    int IPPROTO_IPV6 = 41;
    int IPV6_V6ONLY = 27;
    /** {@code _WSAIOW(IOC_VENDOR, 12)}: whether an ICMP port unreachable fails the next receive. */
    int SIO_UDP_CONNRESET = 0x9800000C;
    /** {@code _WSAIOW(IOC_VENDOR, 15)}: whether an ICMP time exceeded fails the next receive. */
    int SIO_UDP_NETRESET = 0x9800000F;
    int WSAEINTR = 10004;
    int WSAEMSGSIZE = 10040;
    int WSAEAFNOSUPPORT = 10047;
    int WSAEADDRINUSE = 10048;

    /** {@code WSAStartup(MAKEWORD(2, 2))}; every successful call is matched by one {@link #cleanup()}. */
    void startup() throws WindowsApiException;

    /** {@code WSACleanup}. */
    void cleanup();

    /**
     * {@code WSASocketW(family, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT)}:
     * what {@code socket()} creates, except that child processes (PostUp scripts) do not inherit it.
     */
    long udpSocket(int family) throws WindowsApiException;

    /** {@code setsockopt} with a {@code DWORD} value. */
    void setOption(long socket, int level, int option, int value) throws WindowsApiException;

    /** {@code WSAIoctl(socket, code, &value (a 4-byte BOOL), 4, NULL, 0, &returned, NULL, NULL)}. */
    void ioctl(long socket, int code, boolean value) throws WindowsApiException;

    /** {@code bind} to the {@code length}-byte socket address at {@code address}. */
    void bind(long socket, long address, int length) throws WindowsApiException;

    /** {@code getsockname}: the bound port. */
    int localPort(long socket) throws WindowsApiException;

    /**
     * {@code recvfrom}, blocking: the datagram's length; the sender is written to {@code from}, its length to the int
     * at {@code fromLength} (which holds the space on entry).
     */
    int receiveFrom(long socket, long buffer, int length, long from, long fromLength) throws WindowsApiException;

    /** {@code sendto}: the bytes sent. */
    int sendTo(long socket, long buffer, int length, long to, int toLength) throws WindowsApiException;

    /** {@code closesocket}; a {@code recvfrom} blocked on the socket in another thread returns with an error. */
    void closeSocket(long socket);
}
