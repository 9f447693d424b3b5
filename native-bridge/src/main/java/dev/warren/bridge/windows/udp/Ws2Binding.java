package dev.warren.bridge.windows.udp;

import com.sun.jna.Pointer;

/**
 * The {@code ws2_32.dll} exports {@link JnaWinsock} calls, by their exported names. {@link Ws2_32} binds them
 * natively; tests put a scripted stand-in in its place. Pointers the packet path passes are {@code long} addresses;
 * {@code SOCKET} is a {@code UINT_PTR}, 8 bytes on x64.
 */
interface Ws2Binding {

    /** Returns the error code itself (it does not set the last error). */
    int WSAStartup(short versionRequested, Pointer wsaData);

    int WSACleanup();

    long WSASocketW(int af, int type, int protocol, Pointer protocolInfo, int group, int flags);

    int setsockopt(long s, int level, int optname, Pointer optval, int optlen);

    int WSAIoctl(long s, int ioControlCode, Pointer inBuffer, int inBufferLength, Pointer outBuffer,
            int outBufferLength, Pointer bytesReturned, Pointer overlapped, Pointer completionRoutine);

    int bind(long s, long name, int namelen);

    int getsockname(long s, long name, long namelen);

    int recvfrom(long s, long buf, int len, int flags, long from, long fromlen);

    int sendto(long s, long buf, int len, int flags, long to, int tolen);

    int closesocket(long s);
}
