package dev.warren.bridge.windows.dns;

import com.sun.jna.platform.win32.Guid;
import com.sun.jna.win32.StdCallLibrary;

/** JNA declarations of the three DLLs the DNS code calls, under their exported names. */
public final class DnsLibraries {

    private DnsLibraries() {
    }

    /** {@code iphlpapi.dll}; the function is looked up at first call, so loading works on older Windows too. */
    public interface IpHlpApiDns extends StdCallLibrary {
        int SetInterfaceDnsSettings(Guid.GUID.ByValue interfaceGuid, DnsInterfaceSettings settings);
    }

    /** {@code dnsapi.dll}. */
    public interface DnsApiLibrary extends StdCallLibrary {
        boolean DnsFlushResolverCache();
    }

    /** {@code ntdll.dll}: returns an {@code NTSTATUS}. */
    public interface NtDll extends StdCallLibrary {
        int RtlGetVersion(OsVersionInfoEx info);
    }
}
