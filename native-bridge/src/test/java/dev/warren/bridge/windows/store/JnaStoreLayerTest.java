package dev.warren.bridge.windows.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinCrypt.DATA_BLOB;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.ScriptedBinding;
import dev.warren.bridge.windows.WindowsApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JnaDpapi} and {@link JnaStoreFiles} against scripted crypt32/kernel32/advapi32 stand-ins. */
class JnaStoreLayerTest {

    private final ScriptedBinding binding = new ScriptedBinding();

    @Test
    void protectPassesTheNameAndFlagsAndFreesWhatCrypt32Allocated() throws Exception {
        Memory sealed = new Memory(3);
        sealed.write(0, new byte[] {7, 8, 9}, 0, 3);
        binding.when("CryptProtectData", a -> {
            DATA_BLOB in = (DATA_BLOB) a[0];
            assertArrayEquals("[Interface]".getBytes(), in.pbData.getByteArray(0, in.cbData));
            assertEquals("office", a[1].toString());
            assertEquals(null, a[2], "no extra entropy");
            assertEquals(DpapiConfigStore.FLAGS, a[5]);
            DATA_BLOB out = (DATA_BLOB) a[6];
            out.cbData = 3;
            out.pbData = sealed;
            return true;
        });
        binding.when("LocalFree", a -> {
            assertEquals(Pointer.nativeValue(sealed), Pointer.nativeValue((Pointer) a[0]));
            return null;
        });
        JnaDpapi dpapi = new JnaDpapi(binding.of(JnaDpapi.Crypt32.class), binding.of(JnaDpapi.LocalMemory.class));
        assertArrayEquals(new byte[] {7, 8, 9}, dpapi.protect("[Interface]".getBytes(), "office", DpapiConfigStore.FLAGS));
        assertEquals(List.of("CryptProtectData", "LocalFree"), binding.log);
    }

    @Test
    void unprotectReturnsPlaintextAndDescriptionThenZeroesAndFreesBoth() throws Exception {
        Memory plain = new Memory(4);
        plain.write(0, "key!".getBytes(), 0, 4);
        Memory description = new Memory(64);
        description.setWideString(0, "office");
        binding.when("CryptUnprotectData", a -> {
            ((PointerByReference) a[1]).setValue(description);
            DATA_BLOB out = (DATA_BLOB) a[6];
            out.cbData = 4;
            out.pbData = plain;
            return true;
        });
        JnaDpapi dpapi = new JnaDpapi(binding.of(JnaDpapi.Crypt32.class), binding.of(JnaDpapi.LocalMemory.class));
        Dpapi.Unprotected u = dpapi.unprotect(new byte[] {1}, DpapiConfigStore.FLAGS);
        assertArrayEquals("key!".getBytes(), u.plaintext());
        assertEquals("office", u.description());
        assertArrayEquals(new byte[4], plain.getByteArray(0, 4), "crypt32's plaintext copy is zeroed before LocalFree");
        assertEquals(List.of("CryptUnprotectData", "LocalFree", "LocalFree"), binding.log);
    }

    @Test
    void aBlobFromAnotherMachineIsAWindowsApiException() {
        binding.when("CryptUnprotectData", a -> ScriptedBinding.fail(13));
        JnaDpapi dpapi = new JnaDpapi(binding.of(JnaDpapi.Crypt32.class), binding.of(JnaDpapi.LocalMemory.class));
        var e = assertThrows(WindowsApiException.class, () -> dpapi.unprotect(new byte[] {1}, DpapiConfigStore.FLAGS));
        assertEquals("CryptUnprotectData", e.function());
    }

    @Test
    void moveIsWriteThroughAndReplacesOnlyWhenAsked() throws Exception {
        JnaStoreFiles files = new JnaStoreFiles(binding.of(JnaStoreFiles.Kernel32.class),
                binding.of(JnaStoreFiles.Advapi32.class));
        binding.when("MoveFileExW", a -> {
            assertEquals(0x9, a[2], "MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH");
            return true;
        });
        files.move(Path.of("a.tmp"), Path.of("office.conf.dpapi"), true);
        binding.when("MoveFileExW", a -> {
            assertEquals(0x8, a[2], "MOVEFILE_WRITE_THROUGH only");
            return ScriptedBinding.fail(183);
        });
        var e = assertThrows(WindowsApiException.class, () -> files.move(Path.of("a.tmp"), Path.of("b"), false));
        assertEquals(183, e.code());
    }

    @Test
    void anExistingDirectoryGetsTheDescriptorAppliedAgain(@TempDir Path dir) throws Exception {
        Memory sd = new Memory(32);
        binding.when("ConvertStringSecurityDescriptorToSecurityDescriptorW", a -> {
            assertEquals(DpapiConfigStore.DIRECTORY_SDDL, a[0].toString());
            ((PointerByReference) a[2]).setValue(sd);
            return true;
        });
        binding.when("CreateDirectoryW", a -> ScriptedBinding.fail(JnaStoreFiles.ERROR_ALREADY_EXISTS));
        binding.when("SetFileSecurityW", a -> {
            assertEquals(JnaStoreFiles.OWNER_GROUP_DACL_PROTECTED, a[1]);
            assertEquals(Pointer.nativeValue(sd), Pointer.nativeValue((Pointer) a[2]));
            return true;
        });
        JnaStoreFiles files = new JnaStoreFiles(binding.of(JnaStoreFiles.Kernel32.class),
                binding.of(JnaStoreFiles.Advapi32.class));
        Files.createDirectories(dir.resolve("Configurations"));
        files.secureDirectory(dir.resolve("Configurations"), DpapiConfigStore.DIRECTORY_SDDL);
        assertEquals(List.of("ConvertStringSecurityDescriptorToSecurityDescriptorW", "CreateDirectoryW",
                "SetFileSecurityW", "LocalFree"), binding.log);
    }
}
