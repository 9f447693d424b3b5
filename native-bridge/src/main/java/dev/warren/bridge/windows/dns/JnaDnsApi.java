package dev.warren.bridge.windows.dns;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.UUID;

/** {@link DnsApi} on the real {@code ntdll}, {@code iphlpapi} and {@code dnsapi}. */
public final class JnaDnsApi implements DnsApi {

    private final DnsLibraries.NtDll ntdll;
    private final DnsLibraries.IpHlpApiDns iphlpapi;
    private final DnsLibraries.DnsApiLibrary dnsapi;

    public JnaDnsApi(DnsLibraries.NtDll ntdll, DnsLibraries.IpHlpApiDns iphlpapi, DnsLibraries.DnsApiLibrary dnsapi) {
        this.ntdll = ntdll;
        this.iphlpapi = iphlpapi;
        this.dnsapi = dnsapi;
    }

    public static JnaDnsApi load() {
        return new JnaDnsApi(Native.load("ntdll", DnsLibraries.NtDll.class),
                Native.load("iphlpapi", DnsLibraries.IpHlpApiDns.class),
                Native.load("dnsapi", DnsLibraries.DnsApiLibrary.class));
    }

    @Override
    public int osBuildNumber() throws WindowsApiException {
        OsVersionInfoEx info = new OsVersionInfoEx();
        int status = ntdll.RtlGetVersion(info);
        if (status != 0) {
            throw new WindowsApiException("RtlGetVersion", status, "NTSTATUS");
        }
        return info.dwBuildNumber;
    }

    @Override
    public void setInterfaceDnsSettings(UUID interfaceGuid, DnsSettings settings) throws WindowsApiException {
        int status = iphlpapi.SetInterfaceDnsSettings(guidByValue(interfaceGuid), structure(settings));
        if (status != 0) {
            throw new WindowsApiException("SetInterfaceDnsSettings", status, "interface {" + interfaceGuid + "}");
        }
    }

    static DnsInterfaceSettings structure(DnsSettings settings) {
        DnsInterfaceSettings s = new DnsInterfaceSettings();
        s.Version = settings.version();
        s.Flags = settings.flags();
        s.NameServer = new WString(settings.nameServer());
        s.SearchList = new WString(settings.searchList());
        return s;
    }

    private static Guid.GUID.ByValue guidByValue(UUID uuid) {
        Guid.GUID g = Guid.GUID.fromString("{" + uuid + "}");
        Guid.GUID.ByValue v = new Guid.GUID.ByValue();
        v.Data1 = g.Data1;
        v.Data2 = g.Data2;
        v.Data3 = g.Data3;
        v.Data4 = g.Data4;
        return v;
    }

    @Override
    public void flushResolverCache() throws WindowsApiException {
        if (!dnsapi.DnsFlushResolverCache()) {
            throw new WindowsApiException("DnsFlushResolverCache", Native.getLastError());
        }
    }
}
