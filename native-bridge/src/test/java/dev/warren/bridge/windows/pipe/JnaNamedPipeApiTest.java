package dev.warren.bridge.windows.pipe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.ScriptedBinding;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link JnaNamedPipeApi}'s overlapped-I/O handling against recording stand-ins of the kernel32/advapi32 bindings.
 * Each scripted export returns what the test says and sets the thread's last error through JNA, exactly where
 * {@code Native.getLastError()} will look for it.
 */
class JnaNamedPipeApiTest {

    private final ScriptedBinding binding = new ScriptedBinding();
    private final List<String> log = binding.log;
    private final Memory descriptor = new Memory(64);
    private final JnaNamedPipeApi api = new JnaNamedPipeApi(binding.of(PipeLibraries.Kernel32.class),
            binding.of(PipeLibraries.Advapi32.class));
    private Pointer overlappedSeen;

    private void when(String export, Function<Object[], Object> outcome) {
        binding.when(export, outcome);
    }

    private static Object fail(int lastError) {
        return ScriptedBinding.fail(lastError);
    }

    @Test
    void createNamedPipeBuildsTheSecurityAttributesFromTheSddlAndFreesTheDescriptor() throws Exception {
        List<Object> seen = new ArrayList<>();
        when("ConvertStringSecurityDescriptorToSecurityDescriptorW", a -> {
            seen.add(a[0].toString());
            ((PointerByReference) a[2]).setValue(descriptor);
            return true;
        });
        when("CreateNamedPipeW", a -> {
            Pointer sa = (Pointer) a[7];
            seen.add(a[0].toString());
            seen.add(sa.getInt(0));
            seen.add(Pointer.nativeValue(sa.getPointer(8)));
            seen.add(sa.getInt(16));
            return new Pointer(0x500);
        });
        when("LocalFree", a -> {
            seen.add(Pointer.nativeValue((Pointer) a[0]));
            return null;
        });
        long pipe = api.createNamedPipe("\\\\.\\pipe\\Warren\\Manager", 0x40080003, 8, 255, 65536, 65536, "O:SYG:SYD:P");
        assertEquals(0x500, pipe);
        assertEquals(List.of("O:SYG:SYD:P", "\\\\.\\pipe\\Warren\\Manager", 24, Pointer.nativeValue(descriptor), 0,
                Pointer.nativeValue(descriptor)), seen, "nLength 24, the descriptor at 8, not inheritable; freed");
    }

    @Test
    void aRefusedPipeCreationStillFreesTheDescriptorAndReportsTheError() {
        when("ConvertStringSecurityDescriptorToSecurityDescriptorW", a -> {
            ((PointerByReference) a[2]).setValue(descriptor);
            return true;
        });
        when("CreateNamedPipeW", a -> {
            ScriptedBinding.fail(WindowsApiException.ERROR_ACCESS_DENIED);
            return new Pointer(-1);
        });
        var e = assertThrows(WindowsApiException.class, () -> api.createNamedPipe("\\\\.\\pipe\\x", 3, 8, 255, 1, 1, "D:P"));
        assertEquals("CreateNamedPipeW", e.function());
        assertEquals(WindowsApiException.ERROR_ACCESS_DENIED, e.code());
        assertEquals("LocalFree", log.getLast());
    }

    @Test
    void aClientThatConnectedFirstIsSuccessWithoutWaiting() throws Exception {
        when("ConnectNamedPipe", a -> fail(WindowsApiException.ERROR_PIPE_CONNECTED));
        api.connectNamedPipe(0x500);
        assertEquals(List.of("CreateEventW", "ConnectNamedPipe", "CloseHandle"), log);
    }

    @Test
    void aPendingConnectWaitsOnItsOwnOverlappedAndEvent() throws Exception {
        when("ConnectNamedPipe", a -> {
            overlappedSeen = (Pointer) a[1];
            return fail(WindowsApiException.ERROR_IO_PENDING);
        });
        when("GetOverlappedResult", a -> {
            assertEquals(Pointer.nativeValue(overlappedSeen), Pointer.nativeValue((Pointer) a[1]));
            assertEquals(0x77, Pointer.nativeValue(overlappedSeen.getPointer(24)), "hEvent is the created event");
            assertEquals(true, a[3], "waits");
            return true;
        });
        api.connectNamedPipe(0x500);
        assertEquals(List.of("CreateEventW", "ConnectNamedPipe", "GetOverlappedResult", "CloseHandle"), log);
    }

    @Test
    void aCancelledConnectIsOperationAborted() {
        when("ConnectNamedPipe", a -> fail(WindowsApiException.ERROR_IO_PENDING));
        when("GetOverlappedResult", a -> fail(WindowsApiException.ERROR_OPERATION_ABORTED));
        var e = assertThrows(WindowsApiException.class, () -> api.connectNamedPipe(0x500));
        assertEquals(WindowsApiException.ERROR_OPERATION_ABORTED, e.code());
        assertEquals("CloseHandle", log.getLast(), "the event is closed on failure too");
    }

    @Test
    void aPendingReadDeliversTheBytesTheKernelWrote() throws Exception {
        when("ReadFile", a -> {
            ((Pointer) a[1]).write(0, new byte[] {'h', 'e', 'l', 'l', 'o'}, 0, 5);
            return fail(WindowsApiException.ERROR_IO_PENDING);
        });
        when("GetOverlappedResult", a -> {
            ((IntByReference) a[2]).setValue(5);
            return true;
        });
        byte[] buf = new byte[8];
        assertEquals(5, api.read(0x500, buf, 2, 6));
        assertArrayEquals(new byte[] {0, 0, 'h', 'e', 'l', 'l', 'o', 0}, buf);
    }

    @Test
    void aBrokenPipeIsEndOfStream() throws Exception {
        when("ReadFile", a -> fail(WindowsApiException.ERROR_BROKEN_PIPE));
        assertEquals(-1, api.read(0x500, new byte[8], 0, 8));
    }

    @Test
    void writesContinueAfterAPartialWrite() throws Exception {
        List<String> chunks = new ArrayList<>();
        when("WriteFile", a -> {
            chunks.add(new String(((Pointer) a[1]).getByteArray(0, 3)));
            ((IntByReference) a[3]).setValue(3);
            return true;
        });
        when("WriteFile", a -> {
            chunks.add(new String(((Pointer) a[1]).getByteArray(0, (int) a[2])));
            return fail(WindowsApiException.ERROR_IO_PENDING);
        });
        when("GetOverlappedResult", a -> {
            ((IntByReference) a[2]).setValue(4);
            return true;
        });
        api.write(0x500, "xxabcdefg".getBytes(), 2, 7);
        assertEquals(List.of("abc", "defg"), chunks);
    }

    @Test
    void clientProcessIdComesFromThePipe() throws Exception {
        when("GetNamedPipeClientProcessId", a -> {
            ((IntByReference) a[1]).setValue(4242);
            return true;
        });
        assertEquals(4242, api.clientProcessId(0x500));
    }

    @Test
    void serverSessionIdComesFromThePipeAndItsFailureIsNamed() throws Exception {
        when("GetNamedPipeServerSessionId", a -> {
            assertEquals(0x600L, Pointer.nativeValue((Pointer) a[0]));
            ((IntByReference) a[1]).setValue(3);
            return true;
        });
        assertEquals(3, api.serverSessionId(0x600));
        when("GetNamedPipeServerSessionId", a -> fail(6));
        var e = assertThrows(WindowsApiException.class, () -> api.serverSessionId(0x600));
        assertEquals(List.of("GetNamedPipeServerSessionId", 6), List.of(e.function(), e.code()));
    }

    @Test
    void theClientEndIsOpenedOverlappedAndIdentificationOnlyAndItsOwnerReadAndFreed() throws Exception {
        List<Object> seen = new ArrayList<>();
        when("CreateFileW", a -> {
            seen.add(a[0].toString());
            seen.add(Integer.toHexString((int) a[1]));
            seen.add(a[4]);
            seen.add(Integer.toHexString((int) a[5]));
            return new Pointer(0x600);
        });
        assertEquals(0x600, api.openClient("\\\\.\\pipe\\Warren\\Manager"));
        assertEquals(List.of("\\\\.\\pipe\\Warren\\Manager", "12008b", 3, "40110000"), seen,
                "FILE_GENERIC_READ|FILE_WRITE_DATA, OPEN_EXISTING, "
                        + "FILE_FLAG_OVERLAPPED|SECURITY_SQOS_PRESENT|SECURITY_IDENTIFICATION");

        Memory sid = new Memory(16);
        Memory text = new Memory(64);
        text.setWideString(0, "S-1-5-18");
        List<Long> freed = new ArrayList<>();
        when("GetSecurityInfo", a -> {
            assertEquals(List.of(6, 1), List.of(a[1], a[2]), "SE_KERNEL_OBJECT, OWNER_SECURITY_INFORMATION");
            ((PointerByReference) a[3]).setValue(sid);
            ((PointerByReference) a[7]).setValue(descriptor);
            return 0;
        });
        when("ConvertSidToStringSidW", a -> {
            assertEquals(sid, a[0]);
            ((PointerByReference) a[1]).setValue(text);
            return true;
        });
        when("LocalFree", a -> {
            freed.add(Pointer.nativeValue((Pointer) a[0]));
            return null;
        });
        when("LocalFree", a -> {
            freed.add(Pointer.nativeValue((Pointer) a[0]));
            return null;
        });
        assertEquals("S-1-5-18", api.ownerSid(0x600));
        assertEquals(List.of(Pointer.nativeValue(text), Pointer.nativeValue(descriptor)), freed,
                "the string and the descriptor are both freed");
        when("CreateFileW", a -> ScriptedBinding.failNull(2));
        assertEquals(2, assertThrows(WindowsApiException.class, () -> api.openClient("x")).code());
    }
}
