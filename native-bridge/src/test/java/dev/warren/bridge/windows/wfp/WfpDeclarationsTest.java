package dev.warren.bridge.windows.wfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLong;
import com.sun.jna.win32.StdCallLibrary;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The WFP declarations name their DLL exports verbatim (they are loaded without a function mapper) and pass
 * strings as {@code WString}, never as {@code char*}.
 */
class WfpDeclarationsTest {

    private static final Map<Class<?>, Set<String>> EXPORTS = Map.of(
            WfpLibraries.Fwpuclnt.class, Set.of("FwpmEngineOpen0", "FwpmEngineClose0", "FwpmTransactionBegin0",
                    "FwpmTransactionCommit0", "FwpmTransactionAbort0", "FwpmProviderAdd0", "FwpmSubLayerAdd0",
                    "FwpmFilterAdd0", "FwpmGetAppIdFromFileName0", "FwpmFreeMemory0"),
            WfpLibraries.Advapi32.class, Set.of("ConvertStringSecurityDescriptorToSecurityDescriptorW"),
            WfpLibraries.Kernel32.class, Set.of("LocalFree"));

    @Test
    void everyDeclarationNamesExactlyItsExportsWithWideStrings() {
        EXPORTS.forEach((library, exports) -> {
            assertEquals(new TreeSet<>(exports), Arrays.stream(library.getDeclaredMethods()).map(Method::getName)
                    .collect(Collectors.toCollection(TreeSet::new)), library.getName());
            assertTrue(StdCallLibrary.class.isAssignableFrom(library), library + " uses the WINAPI convention");
            for (Method m : library.getDeclaredMethods()) {
                for (Class<?> p : m.getParameterTypes()) {
                    assertNotEquals(String.class, p, m + " passes a String, which JNA would send as char*");
                    assertNotEquals(NativeLong.class, p, m + " uses NativeLong, 8 bytes on Linux, 4 on Windows");
                }
            }
        });
    }
}
