package dev.warren.bridge.windows.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.ScriptedBinding;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JnaTokenApi} against scripted kernel32/advapi32 stand-ins. */
class JnaTokenApiTest {

    private final ScriptedBinding binding = new ScriptedBinding();
    private final JnaTokenApi tokens = new JnaTokenApi(binding.of(PipeLibraries.Kernel32.class),
            binding.of(PipeLibraries.Advapi32.class));

    @Test
    void theProcessTokenIsOpenedForQueryAndDuplicateAndTheProcessHandleClosed() throws Exception {
        binding.when("OpenProcess", a -> {
            assertEquals(JnaTokenApi.PROCESS_QUERY_LIMITED_INFORMATION, a[0]);
            assertEquals(4242, a[2]);
            return new Pointer(0x10);
        });
        binding.when("OpenProcessToken", a -> {
            assertEquals(JnaTokenApi.TOKEN_QUERY | JnaTokenApi.TOKEN_DUPLICATE, a[1]);
            ((PointerByReference) a[2]).setValue(new Pointer(0x20));
            return true;
        });
        binding.when("CloseHandle", a -> {
            assertEquals(0x10, Pointer.nativeValue((Pointer) a[0]), "the process handle");
            return true;
        });
        assertEquals(0x20, tokens.openProcessToken(4242));
        assertEquals(List.of("OpenProcess", "OpenProcessToken", "CloseHandle"), binding.log);
        assertTrue(binding.scriptUsedUp());
    }

    @Test
    void aProcessThatIsGoneIsAnErrorNamingIt() {
        binding.when("OpenProcess", a -> ScriptedBinding.failNull(87));
        var e = assertThrows(WindowsApiException.class, () -> tokens.openProcessToken(4242));
        assertEquals("OpenProcess failed with Win32 error 87 (process 4242)", e.getMessage());
    }

    @Test
    void elevationIsReadFromTokenElevation() throws Exception {
        binding.when("GetTokenInformation", a -> {
            ((IntByReference) a[4]).setValue(4);
            return ScriptedBinding.fail(122);
        });
        binding.when("GetTokenInformation", a -> {
            assertEquals(JnaTokenApi.TOKEN_ELEVATION, a[1]);
            ((Pointer) a[2]).setInt(0, 1);
            return true;
        });
        assertTrue(tokens.isElevated(0x20));
    }

    @Test
    void membershipConvertsTheSidChecksAndFreesIt() throws Exception {
        Memory sid = new Memory(16);
        binding.when("ConvertStringSidToSidW", a -> {
            assertEquals(PipeSecurity.ADMINISTRATORS, a[0].toString());
            ((PointerByReference) a[1]).setValue(sid);
            return true;
        });
        binding.when("CheckTokenMembership", a -> {
            assertEquals(0x30, Pointer.nativeValue((Pointer) a[0]));
            assertEquals(Pointer.nativeValue(sid), Pointer.nativeValue((Pointer) a[1]));
            ((IntByReference) a[2]).setValue(0);
            return true;
        });
        binding.when("LocalFree", a -> {
            assertEquals(Pointer.nativeValue(sid), Pointer.nativeValue((Pointer) a[0]));
            return null;
        });
        assertFalse(tokens.isMember(0x30, PipeSecurity.ADMINISTRATORS));
        assertEquals(List.of("ConvertStringSidToSidW", "CheckTokenMembership", "LocalFree"), binding.log);
    }

    @Test
    void identificationTokensAreDuplicatedAtIdentificationLevel() throws Exception {
        binding.when("DuplicateToken", a -> {
            assertEquals(JnaTokenApi.SECURITY_IDENTIFICATION, a[1]);
            ((PointerByReference) a[2]).setValue(new Pointer(0x40));
            return true;
        });
        assertEquals(0x40, tokens.duplicateForIdentification(0x20));
    }
}
