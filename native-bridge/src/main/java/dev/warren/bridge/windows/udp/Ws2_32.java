package dev.warren.bridge.windows.udp;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The {@code ws2_32.dll} exports {@link JnaWinsock} calls, through JNA direct mapping: a direct call costs a
 * fraction of an interface-mapped one, and {@code recvfrom}/{@code sendto} run per packet. On x64 Windows there is
 * one calling convention, so WINAPI needs no special handling. Pointers are passed as {@code long} addresses;
 * {@code SOCKET} is a {@code UINT_PTR}, 8 bytes. JNA saves the thread's last error after each direct call, which is
 * {@code WSAGetLastError()}'s value ({@link Native#getLastError()}).
 *
 * <p>Registered when first used, so the class can be named on any OS.
 */
final class Ws2_32 {

    static {
        Native.register(Ws2_32.class, NativeLibrary.getInstance("ws2_32"));
    }

    private Ws2_32() {
    }

    /** Returns the error code itself (it does not set the last error). */
    static native int WSAStartup(short versionRequested, Pointer wsaData);

    static native int WSACleanup();

    static native long WSASocketW(int af, int type, int protocol, Pointer protocolInfo, int group, int flags);

    static native int setsockopt(long s, int level, int optname, Pointer optval, int optlen);

    static native int WSAIoctl(long s, int ioControlCode, Pointer inBuffer, int inBufferLength, Pointer outBuffer,
            int outBufferLength, Pointer bytesReturned, Pointer overlapped, Pointer completionRoutine);

    static native int bind(long s, long name, int namelen);

    static native int getsockname(long s, long name, long namelen);

    static native int recvfrom(long s, long buf, int len, int flags, long from, long fromlen);

    static native int sendto(long s, long buf, int len, int flags, long to, int tolen);

    static native int closesocket(long s);
}
