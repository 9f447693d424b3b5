package dev.warren.bridge.windows.wintun;

import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * JNA declaration of {@code wintun.h} (Wintun 0.14). Method names are the exported names exactly; strings are
 * {@link WString} because every Wintun string parameter is {@code LPCWSTR}.
 */
public interface WintunLibrary extends StdCallLibrary {

    Pointer WintunCreateAdapter(WString name, WString tunnelType, Guid.GUID requestedGuid);

    Pointer WintunOpenAdapter(WString name);

    void WintunCloseAdapter(Pointer adapter);

    void WintunGetAdapterLUID(Pointer adapter, LongByReference luid);

    int WintunGetRunningDriverVersion();

    Pointer WintunStartSession(Pointer adapter, int capacity);

    void WintunEndSession(Pointer session);

    Pointer WintunGetReadWaitEvent(Pointer session);

    Pointer WintunReceivePacket(Pointer session, IntByReference packetSize);

    void WintunReleaseReceivePacket(Pointer session, Pointer packet);

    Pointer WintunAllocateSendPacket(Pointer session, int packetSize);

    void WintunSendPacket(Pointer session, Pointer packet);
}
