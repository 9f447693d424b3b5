package dev.warren.bridge.windows.wintun;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.UUID;

/**
 * The calls {@link WintunTun} makes into {@code wintun.dll} and the two kernel32 event calls its receive loop
 * needs, one method per Win32 function. {@link JnaWintunApi} is the real thing; the test sources hold a recording
 * fake. Handles and packets are raw pointers because that is what they are: the packet pointers point into the
 * session's shared ring.
 */
public interface WintunApi {

    /** {@code WintunCreateAdapter}. */
    Pointer createAdapter(String name, String tunnelType, UUID requestedGuid) throws WindowsApiException;

    /**
     * {@code WintunOpenAdapter}: the existing adapter called {@code name}, or null when there is none (Wintun's
     * {@code ERROR_NOT_FOUND}).
     */
    Pointer openAdapter(String name) throws WindowsApiException;

    /** {@code WintunCloseAdapter}: releases the handle and, for an adapter this process created, removes it. */
    void closeAdapter(Pointer adapter);

    /** {@code WintunGetAdapterLUID}. */
    long adapterLuid(Pointer adapter);

    /** {@code WintunGetRunningDriverVersion}; 0 when no driver is loaded yet. */
    int runningDriverVersion() throws WindowsApiException;

    /** {@code WintunStartSession}. */
    Pointer startSession(Pointer adapter, int ringCapacity) throws WindowsApiException;

    /** {@code WintunEndSession}. */
    void endSession(Pointer session);

    /** {@code WintunGetReadWaitEvent}: signalled when the receive ring has packets; owned by the session. */
    Pointer readWaitEvent(Pointer session);

    /**
     * {@code WintunReceivePacket}.
     *
     * @return the packet (its length stored in {@code size}), or {@code null} when the ring is empty
     *     ({@code ERROR_NO_MORE_ITEMS})
     * @throws WindowsApiException for any other error, e.g. {@code ERROR_HANDLE_EOF} when the adapter is gone
     */
    Pointer receivePacket(Pointer session, IntByReference size) throws WindowsApiException;

    /** {@code WintunReleaseReceivePacket}. */
    void releaseReceivePacket(Pointer session, Pointer packet);

    /**
     * {@code WintunAllocateSendPacket}.
     *
     * @return the packet buffer, or {@code null} when the send ring is full ({@code ERROR_BUFFER_OVERFLOW})
     */
    Pointer allocateSendPacket(Pointer session, int size) throws WindowsApiException;

    /** {@code WintunSendPacket}. */
    void sendPacket(Pointer session, Pointer packet);

    /** {@code CreateEventW(NULL, TRUE, FALSE, NULL)}: a manual-reset event, initially not signalled. */
    Pointer createEvent() throws WindowsApiException;

    /** {@code SetEvent}. */
    void setEvent(Pointer event) throws WindowsApiException;

    /**
     * {@code WaitForMultipleObjects(2, {first, second}, FALSE, INFINITE)}.
     *
     * @return 0 when {@code first} is signalled, 1 when {@code second} is
     */
    int waitForEither(Pointer first, Pointer second) throws WindowsApiException;

    /** {@code CloseHandle}. */
    void closeHandle(Pointer handle);
}
