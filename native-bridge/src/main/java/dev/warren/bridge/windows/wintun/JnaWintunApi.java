package dev.warren.bridge.windows.wintun;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import dev.warren.bridge.windows.WindowsApiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * {@link WintunApi} on the real {@code wintun.dll}. The DLL is loaded from an explicit path (the application's
 * own directory), never through the DLL search order, so that a {@code wintun.dll} planted in the working
 * directory or on {@code PATH} is never picked up by a process running as LocalSystem.
 */
public final class JnaWintunApi implements WintunApi {

    private final WintunLibrary wintun;
    private final EventLibrary kernel32;

    JnaWintunApi(WintunLibrary wintun, EventLibrary kernel32) {
        this.wintun = wintun;
        this.kernel32 = kernel32;
    }

    /**
     * Loads {@code wintun.dll} from {@code appDirectory}.
     *
     * @throws IllegalStateException naming the path when the DLL is not there
     */
    public static JnaWintunApi load(Path appDirectory) {
        Path dll = appDirectory.resolve("wintun.dll").toAbsolutePath();
        if (!Files.isRegularFile(dll)) {
            throw new IllegalStateException("wintun.dll not found at " + dll
                    + ": it ships next to the Warren executable (https://www.wintun.net, amd64 build)");
        }
        return new JnaWintunApi(Native.load(dll.toString(), WintunLibrary.class),
                Native.load("kernel32", EventLibrary.class));
    }

    @Override
    public Pointer createAdapter(String name, String tunnelType, UUID requestedGuid) throws WindowsApiException {
        Pointer adapter = wintun.WintunCreateAdapter(new WString(name), new WString(tunnelType), guid(requestedGuid));
        if (adapter == null) {
            throw new WindowsApiException("WintunCreateAdapter", Native.getLastError(), "adapter " + name);
        }
        return adapter;
    }

    @Override
    public Pointer openAdapter(String name) throws WindowsApiException {
        Pointer adapter = wintun.WintunOpenAdapter(new WString(name));
        if (adapter == null) {
            int error = Native.getLastError();
            if (error == WindowsApiException.ERROR_NOT_FOUND) {
                return null;
            }
            throw new WindowsApiException("WintunOpenAdapter", error, "adapter " + name);
        }
        return adapter;
    }

    @Override
    public void closeAdapter(Pointer adapter) {
        wintun.WintunCloseAdapter(adapter);
    }

    @Override
    public long adapterLuid(Pointer adapter) {
        LongByReference luid = new LongByReference();
        wintun.WintunGetAdapterLUID(adapter, luid);
        return luid.getValue();
    }

    @Override
    public int runningDriverVersion() throws WindowsApiException {
        int version = wintun.WintunGetRunningDriverVersion();
        if (version == 0) {
            int error = Native.getLastError();
            if (error != WindowsApiException.ERROR_FILE_NOT_FOUND) {
                throw new WindowsApiException("WintunGetRunningDriverVersion", error);
            }
        }
        return version;
    }

    @Override
    public Pointer startSession(Pointer adapter, int ringCapacity) throws WindowsApiException {
        Pointer session = wintun.WintunStartSession(adapter, ringCapacity);
        if (session == null) {
            throw new WindowsApiException("WintunStartSession", Native.getLastError());
        }
        return session;
    }

    @Override
    public void endSession(Pointer session) {
        wintun.WintunEndSession(session);
    }

    @Override
    public Pointer readWaitEvent(Pointer session) {
        return wintun.WintunGetReadWaitEvent(session);
    }

    @Override
    public Pointer receivePacket(Pointer session, IntByReference size) throws WindowsApiException {
        Pointer packet = wintun.WintunReceivePacket(session, size);
        if (packet == null) {
            int error = Native.getLastError();
            if (error != WindowsApiException.ERROR_NO_MORE_ITEMS) {
                throw new WindowsApiException("WintunReceivePacket", error);
            }
        }
        return packet;
    }

    @Override
    public void releaseReceivePacket(Pointer session, Pointer packet) {
        wintun.WintunReleaseReceivePacket(session, packet);
    }

    @Override
    public Pointer allocateSendPacket(Pointer session, int size) throws WindowsApiException {
        Pointer packet = wintun.WintunAllocateSendPacket(session, size);
        if (packet == null) {
            int error = Native.getLastError();
            if (error != WindowsApiException.ERROR_BUFFER_OVERFLOW) {
                throw new WindowsApiException("WintunAllocateSendPacket", error);
            }
        }
        return packet;
    }

    @Override
    public void sendPacket(Pointer session, Pointer packet) {
        wintun.WintunSendPacket(session, packet);
    }

    @Override
    public Pointer createEvent() throws WindowsApiException {
        Pointer event = kernel32.CreateEventW(null, true, false, null);
        if (event == null) {
            throw new WindowsApiException("CreateEventW", Native.getLastError());
        }
        return event;
    }

    @Override
    public void setEvent(Pointer event) throws WindowsApiException {
        if (!kernel32.SetEvent(event)) {
            throw new WindowsApiException("SetEvent", Native.getLastError());
        }
    }

    @Override
    public int waitForEither(Pointer first, Pointer second) throws WindowsApiException {
        int result = kernel32.WaitForMultipleObjects(2, new Pointer[] {first, second}, false, EventLibrary.INFINITE);
        if (result == EventLibrary.WAIT_OBJECT_0 || result == EventLibrary.WAIT_OBJECT_0 + 1) {
            return result - EventLibrary.WAIT_OBJECT_0;
        }
        throw new WindowsApiException("WaitForMultipleObjects", Native.getLastError(), "returned " + result);
    }

    @Override
    public void closeHandle(Pointer handle) {
        kernel32.CloseHandle(handle);
    }

    /** Encodes a {@link UUID} as the mixed-endian {@code GUID} structure Windows uses. */
    static Guid.GUID guid(UUID uuid) {
        return Guid.GUID.fromString("{" + uuid + "}");
    }
}
