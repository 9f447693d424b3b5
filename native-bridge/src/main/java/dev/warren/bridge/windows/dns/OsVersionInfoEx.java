package dev.warren.bridge.windows.dns;

import com.sun.jna.Structure;

/**
 * {@code OSVERSIONINFOEXW}: 284 bytes. Declared here rather than taken from jna-platform because jna-platform sizes
 * {@code szCSDVersion} with the host's {@code wchar_t}, which is 4 bytes on Linux; as 256 raw bytes the layout is
 * the Windows one on every host, so the layout test proves what Windows will see.
 */
@Structure.FieldOrder({"dwOSVersionInfoSize", "dwMajorVersion", "dwMinorVersion", "dwBuildNumber", "dwPlatformId",
        "szCSDVersion", "wServicePackMajor", "wServicePackMinor", "wSuiteMask", "wProductType", "wReserved"})
public class OsVersionInfoEx extends Structure {

    public static final int SIZE = 284;

    public int dwOSVersionInfoSize = SIZE;
    public int dwMajorVersion;
    public int dwMinorVersion;
    public int dwBuildNumber;
    public int dwPlatformId;
    public byte[] szCSDVersion = new byte[256];
    public short wServicePackMajor;
    public short wServicePackMinor;
    public short wSuiteMask;
    public byte wProductType;
    public byte wReserved;

    public OsVersionInfoEx() {
        super(ALIGN_MSVC);
    }
}
