package dev.warren.bridge.windows;

import static dev.warren.bridge.windows.StructureLayout.offset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Structure;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinCrypt;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import dev.warren.bridge.windows.dns.DnsLibraries;
import dev.warren.bridge.windows.dns.OsVersionInfoEx;
import dev.warren.bridge.windows.net.IpHlpApiLibrary;
import dev.warren.bridge.windows.net.UnicastInterfaceBinder;
import dev.warren.bridge.windows.pipe.PipeLibraries;
import dev.warren.bridge.windows.service.JnaServiceControlManager;
import dev.warren.bridge.windows.store.JnaDpapi;
import dev.warren.bridge.windows.store.JnaStoreFiles;
import dev.warren.bridge.windows.wintun.EventLibrary;
import dev.warren.bridge.windows.wintun.WintunLibrary;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks Warren's own JNA declarations against the DLL exports they must bind to. They are loaded without a
 * function mapper, so a method name is the exported symbol verbatim: a missing {@code W} would bind the ANSI
 * function (or nothing). They are loaded without a type mapper too, so a Java {@code String} would be passed as
 * {@code char*}: every string parameter must be a {@link WString}.
 */
class JnaDeclarationsTest {

    /** Declaration → the exports (from the SDK headers / wintun.h) it must contain, exactly. */
    private static final Map<Class<?>, Set<String>> EXPORTS = Map.ofEntries(
            Map.entry(WintunLibrary.class, Set.of("WintunCreateAdapter", "WintunOpenAdapter", "WintunCloseAdapter",
                    "WintunGetAdapterLUID", "WintunGetRunningDriverVersion", "WintunStartSession", "WintunEndSession",
                    "WintunGetReadWaitEvent", "WintunReceivePacket", "WintunReleaseReceivePacket",
                    "WintunAllocateSendPacket", "WintunSendPacket")),
            Map.entry(EventLibrary.class, Set.of("CreateEventW", "SetEvent", "WaitForMultipleObjects", "CloseHandle")),
            Map.entry(IpHlpApiLibrary.class, Set.of("InitializeUnicastIpAddressEntry", "CreateUnicastIpAddressEntry",
                    "DeleteUnicastIpAddressEntry", "InitializeIpForwardEntry", "CreateIpForwardEntry2",
                    "DeleteIpForwardEntry2", "GetIpForwardTable2", "GetBestRoute2", "FreeMibTable", "InitializeIpInterfaceEntry",
                    "GetIpInterfaceEntry", "SetIpInterfaceEntry", "ConvertInterfaceGuidToLuid",
                    "ConvertInterfaceLuidToGuid", "ConvertInterfaceLuidToIndex", "ConvertInterfaceIndexToLuid", "NotifyRouteChange2",
                    "NotifyIpInterfaceChange", "CancelMibChangeNotify2")),
            Map.entry(DnsLibraries.IpHlpApiDns.class, Set.of("SetInterfaceDnsSettings")),
            Map.entry(DnsLibraries.DnsApiLibrary.class, Set.of("DnsFlushResolverCache")),
            Map.entry(DnsLibraries.NtDll.class, Set.of("RtlGetVersion")),
            Map.entry(PipeLibraries.Kernel32.class, Set.of("CreateNamedPipeW", "ConnectNamedPipe",
                    "DisconnectNamedPipe", "GetNamedPipeClientProcessId", "GetNamedPipeServerSessionId", "ReadFile", "WriteFile",
                    "GetOverlappedResult", "CancelIoEx", "CreateEventW", "OpenProcess", "CloseHandle", "LocalFree",
                    "CreateFileW", "WaitNamedPipeW")),
            Map.entry(PipeLibraries.Advapi32.class, Set.of("ConvertStringSecurityDescriptorToSecurityDescriptorW",
                    "OpenProcessToken", "GetTokenInformation", "DuplicateToken", "ConvertStringSidToSidW",
                    "ConvertSidToStringSidW", "CheckTokenMembership", "GetSecurityInfo")),
            Map.entry(JnaDpapi.Crypt32.class, Set.of("CryptProtectData", "CryptUnprotectData")),
            Map.entry(JnaDpapi.LocalMemory.class, Set.of("LocalFree")),
            Map.entry(JnaStoreFiles.Kernel32.class, Set.of("MoveFileExW", "CreateDirectoryW", "LocalFree")),
            Map.entry(JnaStoreFiles.Advapi32.class, Set.of("ConvertStringSecurityDescriptorToSecurityDescriptorW",
                    "SetFileSecurityW")),
            Map.entry(UnicastInterfaceBinder.Ws2Library.class, Set.of("setsockopt", "WSAGetLastError")));

    /** Exports that take strings yet have no A/W pair: they are wide-only. */
    private static final Set<String> WIDE_ONLY = Set.of("WintunCreateAdapter", "WintunOpenAdapter",
            "CryptProtectData", "CryptUnprotectData");

    @Test
    void everyDeclarationNamesExactlyItsExports() {
        EXPORTS.forEach((library, exports) -> {
            Set<String> declared = Arrays.stream(library.getDeclaredMethods()).map(Method::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(exports), declared, library.getName());
            assertTrue(StdCallLibrary.class.isAssignableFrom(library), library + " uses the WINAPI convention");
        });
    }

    @Test
    void stringsAreWideAndStringFunctionsAreTheirWVariant() {
        EXPORTS.keySet().forEach(library -> {
            for (Method m : library.getDeclaredMethods()) {
                boolean takesString = false;
                for (Class<?> p : m.getParameterTypes()) {
                    assertTrue(p != String.class, m + " passes a String, which JNA would send as char*");
                    assertTrue(p != com.sun.jna.NativeLong.class, m + " uses NativeLong, 8 bytes on Linux, 4 on Windows");
                    takesString |= p == WString.class;
                }
                if (takesString && !WIDE_ONLY.contains(m.getName())) {
                    assertTrue(m.getName().endsWith("W"), m + " takes a wide string but is not the W export");
                }
            }
        });
    }

    @Test
    void jnaPlatformIsUsedInItsUnicodeMapping() {
        // Advapi32.INSTANCE (SCM, registry, service dispatcher) maps CreateService to CreateServiceW etc. unless
        // the process sets w32.ascii=true.
        assertSame(W32APIOptions.UNICODE_OPTIONS, W32APIOptions.DEFAULT_OPTIONS);
    }

    @Test
    void structuresWeRelyOnHaveTheirX64Sizes() {
        assertEquals(16, new Guid.GUID().size(), "GUID");
        assertEquals(32, new WinBase.OVERLAPPED().size(), "OVERLAPPED");
        assertEquals(24, offset(new WinBase.OVERLAPPED(), "hEvent"), "OVERLAPPED.hEvent");
        assertEquals(16, new WinCrypt.DATA_BLOB().size(), "DATA_BLOB");
        assertEquals(28, new Winsvc.SERVICE_STATUS().size(), "SERVICE_STATUS");
        assertEquals(8, new Winsvc.SC_ACTION().size(), "SC_ACTION");
        assertEquals(40, new Winsvc.SERVICE_FAILURE_ACTIONS().size(), "SERVICE_FAILURE_ACTIONS");
        assertEquals(16, new Winsvc.SERVICE_TABLE_ENTRY().size(), "SERVICE_TABLE_ENTRY");
        assertEquals(4, new JnaServiceControlManager.ServiceSidInfo().size(), "SERVICE_SID_INFO");
        OsVersionInfoEx v = new OsVersionInfoEx();
        assertEquals(284, v.size(), "OSVERSIONINFOEXW");
        assertEquals(284, v.dwOSVersionInfoSize, "the size field RtlGetVersion checks");
        assertEquals(12, offset(v, "dwBuildNumber"), "OSVERSIONINFOEXW.dwBuildNumber");
        assertEquals(276, offset(v, "wServicePackMajor"), "OSVERSIONINFOEXW.wServicePackMajor");
    }
}
