package dev.warren.bridge.windows.udp;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * {@link Ws2Binding} through JNA direct mapping: an interface-mapped call goes through a proxy and allocates its
 * argument array, which the per-packet {@code recvfrom}/{@code sendto} must not. On x64 Windows there is one calling
 * convention, so WINAPI needs no special handling. JNA saves the thread's last error after each direct call, which
 * is {@code WSAGetLastError()}'s value ({@link Native#getLastError()}).
 *
 * <p>Registered when first instantiated, so the class can be named on any OS.
 */
final class Ws2_32 implements Ws2Binding {

    private static boolean registered;

    private Ws2_32() {
    }

    static synchronized Ws2_32 load() {
        if (!registered) {
            Native.register(Natives.class, NativeLibrary.getInstance("ws2_32"));
            registered = true;
        }
        return new Ws2_32();
    }

    /** The native declarations, named as exported. */
    static final class Natives {
        private Natives() {
        }

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

    @Override
    public int WSAStartup(short versionRequested, Pointer wsaData) {
        return Natives.WSAStartup(versionRequested, wsaData);
    }

    @Override
    public int WSACleanup() {
        return Natives.WSACleanup();
    }

    @Override
    public long WSASocketW(int af, int type, int protocol, Pointer protocolInfo, int group, int flags) {
        return Natives.WSASocketW(af, type, protocol, protocolInfo, group, flags);
    }

    @Override
    public int setsockopt(long s, int level, int optname, Pointer optval, int optlen) {
        return Natives.setsockopt(s, level, optname, optval, optlen);
    }

    @Override
    public int WSAIoctl(long s, int ioControlCode, Pointer inBuffer, int inBufferLength, Pointer outBuffer,
            int outBufferLength, Pointer bytesReturned, Pointer overlapped, Pointer completionRoutine) {
        return Natives.WSAIoctl(s, ioControlCode, inBuffer, inBufferLength, outBuffer, outBufferLength,
                bytesReturned, overlapped, completionRoutine);
    }

    @Override
    public int bind(long s, long name, int namelen) {
        return Natives.bind(s, name, namelen);
    }

    @Override
    public int getsockname(long s, long name, long namelen) {
        return Natives.getsockname(s, name, namelen);
    }

    @Override
    public int recvfrom(long s, long buf, int len, int flags, long from, long fromlen) {
        return Natives.recvfrom(s, buf, len, flags, from, fromlen);
    }

    @Override
    public int sendto(long s, long buf, int len, int flags, long to, int tolen) {
        return Natives.sendto(s, buf, len, flags, to, tolen);
    }

    @Override
    public int closesocket(long s) {
        return Natives.closesocket(s);
    }
}
