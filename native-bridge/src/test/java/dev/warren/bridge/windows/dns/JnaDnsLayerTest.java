package dev.warren.bridge.windows.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import dev.warren.bridge.windows.ScriptedBinding;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link JnaDnsApi} and {@link JnaRegistry} against scripted ntdll/iphlpapi/dnsapi/advapi32 stand-ins. */
class JnaDnsLayerTest {

    private final ScriptedBinding binding = new ScriptedBinding();
    private final JnaDnsApi dns = new JnaDnsApi(binding.of(DnsLibraries.NtDll.class),
            binding.of(DnsLibraries.IpHlpApiDns.class), binding.of(DnsLibraries.DnsApiLibrary.class));

    @Test
    void theBuildComesFromRtlGetVersion() throws Exception {
        binding.when("RtlGetVersion", a -> {
            OsVersionInfoEx v = (OsVersionInfoEx) a[0];
            assertEquals(OsVersionInfoEx.SIZE, v.dwOSVersionInfoSize, "the size field is set before the call");
            v.dwBuildNumber = 17763;
            return 0;
        });
        assertEquals(17763, dns.osBuildNumber());
    }

    @Test
    void setInterfaceDnsSettingsGetsTheGuidByValueAndTheStructure() throws Exception {
        UUID guid = UUID.fromString("6c1b6d7e-4a0c-5d2e-9b8f-3f5a1c7e2d40");
        binding.when("SetInterfaceDnsSettings", a -> {
            assertEquals("{6C1B6D7E-4A0C-5D2E-9B8F-3F5A1C7E2D40}", ((Guid.GUID.ByValue) a[0]).toGuidString());
            DnsInterfaceSettings s = (DnsInterfaceSettings) a[1];
            assertEquals(1, s.Version);
            assertEquals(0x7L, s.Flags);
            assertEquals("fd00::53", s.NameServer.toString());
            assertEquals("corp.example", s.SearchList.toString());
            return 87;
        });
        var e = assertThrows(WindowsApiException.class,
                () -> dns.setInterfaceDnsSettings(guid, new DnsSettings(1, 0x7, "fd00::53", "corp.example")));
        assertEquals("SetInterfaceDnsSettings failed with Win32 error 87 (interface {" + guid + "})", e.getMessage());
    }

    @Test
    void registryValuesAreNulTerminatedWideStringsAndTheKeyIsClosed() throws Exception {
        WinReg.HKEY key = new WinReg.HKEY(new com.sun.jna.Pointer(0x66));
        binding.when("RegCreateKeyEx", a -> {
            assertEquals(WinReg.HKEY_LOCAL_MACHINE, a[0]);
            assertEquals("SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{x}", a[1]);
            assertEquals(WinNT.KEY_SET_VALUE, a[5]);
            ((WinReg.HKEYByReference) a[7]).setValue(key);
            return 0;
        });
        binding.when("RegSetValueEx", a -> {
            assertEquals("NameServer", a[1]);
            assertEquals(WinNT.REG_SZ, a[3]);
            assertEquals("10.0.0.1,1.1.1.1\0", new String((char[]) a[4]));
            assertEquals(2 * "10.0.0.1,1.1.1.1\0".length(), a[5], "length in bytes, NUL included");
            return 0;
        });
        new JnaRegistry(binding.of(Advapi32.class)).setLocalMachineString(
                "SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters\\Interfaces\\{x}", "NameServer",
                "10.0.0.1,1.1.1.1");
        assertEquals(List.of("RegCreateKeyEx", "RegSetValueEx", "RegCloseKey"), binding.log);
    }

    @Test
    void aFailedFlushIsReported() {
        binding.when("DnsFlushResolverCache", a -> ScriptedBinding.fail(1753));
        assertThrows(WindowsApiException.class, dns::flushResolverCache);
    }
}
