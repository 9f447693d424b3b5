package dev.warren.bridge.windows.net;

import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.IpNetwork;
import java.io.Closeable;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;

/**
 * The IP Helper ({@code iphlpapi.dll}) calls Warren makes, one method per Win32 function or per fixed
 * Initialize-then-call pair. {@link JnaIpHelper} is the real thing; the test sources hold a recording fake.
 */
public interface IpHelper {

    /** {@code ConvertInterfaceGuidToLuid}. */
    long luidFromGuid(UUID interfaceGuid) throws WindowsApiException;

    /** {@code ConvertInterfaceLuidToGuid}. */
    UUID guidFromLuid(long luid) throws WindowsApiException;

    /** {@code ConvertInterfaceLuidToIndex}. */
    int indexFromLuid(long luid) throws WindowsApiException;

    /** {@code ConvertInterfaceIndexToLuid}: for callers that, like the OS-neutral configurator, name interfaces by index. */
    long luidFromIndex(int index) throws WindowsApiException;

    /**
     * {@code InitializeUnicastIpAddressEntry} + {@code CreateUnicastIpAddressEntry}: {@code address} on the
     * interface with on-link prefix {@code address.prefixLength()}, DAD state preferred, infinite lifetimes.
     */
    void createUnicastAddress(long luid, IpNetwork address) throws WindowsApiException;

    /** {@code InitializeUnicastIpAddressEntry} + {@code DeleteUnicastIpAddressEntry}. */
    void deleteUnicastAddress(long luid, IpNetwork address) throws WindowsApiException;

    /** {@code InitializeIpForwardEntry} + {@code CreateIpForwardEntry2}. */
    void createRoute(Route route) throws WindowsApiException;

    /** {@code InitializeIpForwardEntry} + {@code DeleteIpForwardEntry2}. */
    void deleteRoute(Route route) throws WindowsApiException;

    /** {@code GetIpForwardTable2} (+ {@code FreeMibTable}): every route of {@code family}. */
    List<Route> routes(AddressFamily family) throws WindowsApiException;

    /**
     * {@code GetBestRoute2(NULL, 0, NULL, destination, 0, ...)}: the route Windows would use for {@code destination}
     * (any interface, any source address).
     */
    Route bestRoute(InetAddress destination) throws WindowsApiException;

    /** {@code InitializeIpInterfaceEntry} + {@code GetIpInterfaceEntry}. */
    IpInterface ipInterface(long luid, AddressFamily family) throws WindowsApiException;

    /**
     * {@code InitializeIpInterfaceEntry} + {@code GetIpInterfaceEntry} + {@code SetIpInterfaceEntry}: the current row
     * with the settings of {@code settings} applied ({@code SitePrefixLength} zeroed for IPv4, as the call requires).
     */
    void setIpInterface(IpInterface settings) throws WindowsApiException;

    /**
     * {@code NotifyRouteChange2(AF_UNSPEC, ..., InitialNotification = FALSE)}. The listener runs on a system thread;
     * closing the registration calls {@code CancelMibChangeNotify2} and must not happen inside the listener.
     */
    Closeable notifyRouteChange(RouteChangeListener listener) throws WindowsApiException;

    /** {@code NotifyIpInterfaceChange(AF_UNSPEC, ...)}, with the same threading rules. */
    Closeable notifyIpInterfaceChange(InterfaceChangeListener listener) throws WindowsApiException;

    /** {@code MIB_NOTIFICATION_TYPE}. */
    int MIB_PARAMETER_NOTIFICATION = 0;
    int MIB_ADD_INSTANCE = 1;
    int MIB_DELETE_INSTANCE = 2;

    @FunctionalInterface
    interface RouteChangeListener {
        void routeChanged(Route route, int notificationType);
    }

    @FunctionalInterface
    interface InterfaceChangeListener {
        void interfaceChanged(IpInterface row, int notificationType);
    }
}
