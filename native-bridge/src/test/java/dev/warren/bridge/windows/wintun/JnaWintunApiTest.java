package dev.warren.bridge.windows.wintun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.warren.bridge.windows.ScriptedBinding;
import dev.warren.bridge.windows.WindowsApiException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JnaWintunApi}'s reading of Wintun's NULL-plus-last-error results, against scripted stand-ins. */
class JnaWintunApiTest {

    private final ScriptedBinding binding = new ScriptedBinding();
    private final JnaWintunApi api = new JnaWintunApi(binding.of(WintunLibrary.class), binding.of(EventLibrary.class));

    @Test
    void anEmptyRingIsNoPacketButAnyOtherFailureIsAnError() throws Exception {
        binding.when("WintunReceivePacket", a -> ScriptedBinding.failNull(WindowsApiException.ERROR_NO_MORE_ITEMS));
        assertNull(api.receivePacket(new Pointer(1), new IntByReference()));
        binding.when("WintunReceivePacket", a -> ScriptedBinding.failNull(WindowsApiException.ERROR_HANDLE_EOF));
        var e = assertThrows(WindowsApiException.class, () -> api.receivePacket(new Pointer(1), new IntByReference()));
        assertEquals(WindowsApiException.ERROR_HANDLE_EOF, e.code());
    }

    @Test
    void aFullSendRingIsNoBufferButAnyOtherFailureIsAnError() throws Exception {
        binding.when("WintunAllocateSendPacket", a -> ScriptedBinding.failNull(WindowsApiException.ERROR_BUFFER_OVERFLOW));
        assertNull(api.allocateSendPacket(new Pointer(1), 100));
        binding.when("WintunAllocateSendPacket", a -> ScriptedBinding.failNull(WindowsApiException.ERROR_HANDLE_EOF));
        assertThrows(WindowsApiException.class, () -> api.allocateSendPacket(new Pointer(1), 100));
    }

    @Test
    void theAdapterIsCreatedWithTheRequestedGuidAndAFailureNamesIt() throws Exception {
        binding.when("WintunCreateAdapter", a -> {
            assertEquals("office", a[0].toString());
            assertEquals("Warren", a[1].toString());
            assertEquals("{00112233-4455-6677-8899-AABBCCDDEEFF}",
                    ((com.sun.jna.platform.win32.Guid.GUID) a[2]).toGuidString());
            return ScriptedBinding.failNull(WindowsApiException.ERROR_ACCESS_DENIED);
        });
        var e = assertThrows(WindowsApiException.class, () -> api.createAdapter("office", "Warren",
                java.util.UUID.fromString("00112233-4455-6677-8899-aabbccddeeff")));
        assertEquals("WintunCreateAdapter failed with Win32 error 5 (adapter office)", e.getMessage());
    }

    @Test
    void openingAnAbsentAdapterIsNullAndOtherFailuresNameIt() throws Exception {
        binding.when("WintunOpenAdapter", a -> {
            assertEquals("office", a[0].toString());
            return new Pointer(0x4000);
        });
        assertEquals(new Pointer(0x4000), api.openAdapter("office"));
        binding.when("WintunOpenAdapter", a -> ScriptedBinding.failNull(WindowsApiException.ERROR_NOT_FOUND));
        assertEquals(null, api.openAdapter("office"), "Wintun's ERROR_NOT_FOUND: no such adapter");
        binding.when("WintunOpenAdapter", a -> ScriptedBinding.failNull(WindowsApiException.ERROR_ACCESS_DENIED));
        var e = assertThrows(WindowsApiException.class, () -> api.openAdapter("office"));
        assertEquals("WintunOpenAdapter failed with Win32 error 5 (adapter office)", e.getMessage());
    }

    @Test
    void waitingMapsWhichEventFiredAndWaitsForeverOnEither() throws Exception {
        binding.when("WaitForMultipleObjects", a -> {
            assertEquals(2, a[0]);
            assertEquals(false, a[2], "either, not all");
            assertEquals(EventLibrary.INFINITE, a[3]);
            return 1;
        });
        assertEquals(1, api.waitForEither(new Pointer(1), new Pointer(2)));
        binding.when("WaitForMultipleObjects", a -> {
            ScriptedBinding.fail(6);
            return EventLibrary.WAIT_FAILED;
        });
        assertThrows(WindowsApiException.class, () -> api.waitForEither(new Pointer(1), new Pointer(2)));
    }

    @Test
    void theDllIsLoadedOnlyFromTheApplicationDirectory(@TempDir Path appDir) {
        var e = assertThrows(IllegalStateException.class, () -> JnaWintunApi.load(appDir));
        assertTrue(e.getMessage().startsWith("wintun.dll not found at " + appDir.resolve("wintun.dll")),
                e.getMessage());
    }
}
