package dev.warren.bridge.windows.net;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;

/**
 * JNA declaration of the {@code iphlpapi.dll} functions Warren uses ({@code netioapi.h}). Names are the exported
 * names exactly (none has an A/W variant); {@code NETIO_STATUS} results are Win32 error codes, 0 on success;
 * {@code ADDRESS_FAMILY} is a {@code USHORT} and {@code BOOLEAN} a byte.
 */
public interface IpHlpApiLibrary extends StdCallLibrary {

    void InitializeUnicastIpAddressEntry(MibUnicastIpAddressRow row);

    int CreateUnicastIpAddressEntry(MibUnicastIpAddressRow row);

    int DeleteUnicastIpAddressEntry(MibUnicastIpAddressRow row);

    void InitializeIpForwardEntry(MibIpForwardRow2 row);

    int CreateIpForwardEntry2(MibIpForwardRow2 row);

    int DeleteIpForwardEntry2(MibIpForwardRow2 row);

    int GetIpForwardTable2(short family, PointerByReference table);

    /** Optional {@code InterfaceLuid} and {@code SourceAddress} are passed as NULL pointers. */
    int GetBestRoute2(Pointer interfaceLuid, int interfaceIndex, Pointer sourceAddress,
            SockaddrInet destinationAddress, int addressSortOptions, MibIpForwardRow2 bestRoute,
            SockaddrInet bestSourceAddress);

    void FreeMibTable(Pointer memory);

    void InitializeIpInterfaceEntry(MibIpInterfaceRow row);

    int GetIpInterfaceEntry(MibIpInterfaceRow row);

    int SetIpInterfaceEntry(MibIpInterfaceRow row);

    int ConvertInterfaceGuidToLuid(Guid.GUID guid, LongByReference luid);

    int ConvertInterfaceLuidToGuid(LongByReference luid, Guid.GUID guid);

    int ConvertInterfaceLuidToIndex(LongByReference luid, IntByReference index);

    int ConvertInterfaceIndexToLuid(int index, LongByReference luid);

    int NotifyRouteChange2(short family, RouteChangeCallback callback, Pointer context, byte initialNotification,
            PointerByReference handle);

    int NotifyIpInterfaceChange(short family, InterfaceChangeCallback callback, Pointer context,
            byte initialNotification, PointerByReference handle);

    int CancelMibChangeNotify2(Pointer handle);

    /** {@code PIPFORWARD_CHANGE_CALLBACK}. */
    interface RouteChangeCallback extends StdCallCallback {
        void callback(Pointer context, Pointer row, int notificationType);
    }

    /** {@code PIPINTERFACE_CHANGE_CALLBACK}. */
    interface InterfaceChangeCallback extends StdCallCallback {
        void callback(Pointer context, Pointer row, int notificationType);
    }
}
