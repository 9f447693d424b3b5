package dev.warren.bridge.windows.net;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.IpNetwork;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@link IpHelper} on the real {@code iphlpapi.dll}. */
public final class JnaIpHelper implements IpHelper {

    /** {@code MIB_IPFORWARD_TABLE2}: a {@code ULONG} count, then the rows at offset 8 (row alignment). */
    private static final int TABLE_ROWS_OFFSET = 8;

    private final IpHlpApiLibrary lib;

    public JnaIpHelper(IpHlpApiLibrary lib) {
        this.lib = lib;
    }

    public static JnaIpHelper load() {
        return new JnaIpHelper(Native.load("iphlpapi", IpHlpApiLibrary.class));
    }

    private static void check(String function, int status, Object what) throws WindowsApiException {
        if (status != 0) {
            throw new WindowsApiException(function, status, String.valueOf(what));
        }
    }

    @Override
    public long luidFromGuid(UUID interfaceGuid) throws WindowsApiException {
        LongByReference luid = new LongByReference();
        check("ConvertInterfaceGuidToLuid", lib.ConvertInterfaceGuidToLuid(guid(interfaceGuid), luid), interfaceGuid);
        return luid.getValue();
    }

    @Override
    public UUID guidFromLuid(long luid) throws WindowsApiException {
        Guid.GUID guid = new Guid.GUID();
        check("ConvertInterfaceLuidToGuid", lib.ConvertInterfaceLuidToGuid(new LongByReference(luid), guid), luid);
        String s = guid.toGuidString();
        return UUID.fromString(s.substring(1, s.length() - 1));
    }

    @Override
    public int indexFromLuid(long luid) throws WindowsApiException {
        IntByReference index = new IntByReference();
        check("ConvertInterfaceLuidToIndex", lib.ConvertInterfaceLuidToIndex(new LongByReference(luid), index), luid);
        return index.getValue();
    }

    @Override
    public long luidFromIndex(int index) throws WindowsApiException {
        LongByReference luid = new LongByReference();
        check("ConvertInterfaceIndexToLuid", lib.ConvertInterfaceIndexToLuid(index, luid), index);
        return luid.getValue();
    }

    @Override
    public void createUnicastAddress(long luid, IpNetwork address) throws WindowsApiException {
        MibUnicastIpAddressRow row = new MibUnicastIpAddressRow();
        lib.InitializeUnicastIpAddressEntry(row);
        fillAddressRow(row, luid, address);
        check("CreateUnicastIpAddressEntry", lib.CreateUnicastIpAddressEntry(row), address);
    }

    @Override
    public void deleteUnicastAddress(long luid, IpNetwork address) throws WindowsApiException {
        MibUnicastIpAddressRow row = new MibUnicastIpAddressRow();
        lib.InitializeUnicastIpAddressEntry(row);
        fillAddressRow(row, luid, address);
        check("DeleteUnicastIpAddressEntry", lib.DeleteUnicastIpAddressEntry(row), address);
    }

    static void fillAddressRow(MibUnicastIpAddressRow row, long luid, IpNetwork address) {
        row.Address.set(address.address());
        row.InterfaceLuid = luid;
        row.OnLinkPrefixLength = (byte) address.prefixLength();
        row.DadState = MibUnicastIpAddressRow.DAD_STATE_PREFERRED;
        row.ValidLifetime = MibUnicastIpAddressRow.INFINITE_LIFETIME;
        row.PreferredLifetime = MibUnicastIpAddressRow.INFINITE_LIFETIME;
    }

    @Override
    public void createRoute(Route route) throws WindowsApiException {
        MibIpForwardRow2 row = new MibIpForwardRow2();
        lib.InitializeIpForwardEntry(row);
        fillRouteRow(row, route);
        check("CreateIpForwardEntry2", lib.CreateIpForwardEntry2(row), route.destination());
    }

    @Override
    public void deleteRoute(Route route) throws WindowsApiException {
        MibIpForwardRow2 row = new MibIpForwardRow2();
        lib.InitializeIpForwardEntry(row);
        fillRouteRow(row, route);
        check("DeleteIpForwardEntry2", lib.DeleteIpForwardEntry2(row), route.destination());
    }

    static void fillRouteRow(MibIpForwardRow2 row, Route route) {
        row.InterfaceLuid = route.interfaceLuid();
        row.InterfaceIndex = route.interfaceIndex();
        row.DestinationPrefix.set(route.destination());
        row.NextHop.set(route.nextHop());
        row.Metric = route.metric();
    }

    static Route routeOf(MibIpForwardRow2 row) {
        return new Route(row.InterfaceLuid, row.InterfaceIndex, row.DestinationPrefix.network(),
                row.NextHop.address(), row.Metric);
    }

    @Override
    public List<Route> routes(AddressFamily family) throws WindowsApiException {
        PointerByReference table = new PointerByReference();
        check("GetIpForwardTable2", lib.GetIpForwardTable2((short) family.value(), table), family);
        Pointer t = table.getValue();
        try {
            int count = t.getInt(0);
            List<Route> routes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                routes.add(routeOf(new MibIpForwardRow2(t.share(TABLE_ROWS_OFFSET + (long) i * MibIpForwardRow2.SIZE))));
            }
            return routes;
        } finally {
            lib.FreeMibTable(t);
        }
    }

    @Override
    public Route bestRoute(InetAddress destination) throws WindowsApiException {
        SockaddrInet to = new SockaddrInet();
        to.set(destination);
        MibIpForwardRow2 best = new MibIpForwardRow2();
        SockaddrInet source = new SockaddrInet();
        check("GetBestRoute2", lib.GetBestRoute2(null, 0, null, to, 0, best, source), destination.getHostAddress());
        return routeOf(best);
    }

    @Override
    public IpInterface ipInterface(long luid, AddressFamily family) throws WindowsApiException {
        return interfaceOf(currentRow(luid, family));
    }

    private MibIpInterfaceRow currentRow(long luid, AddressFamily family) throws WindowsApiException {
        MibIpInterfaceRow row = new MibIpInterfaceRow();
        lib.InitializeIpInterfaceEntry(row);
        row.Family = (short) family.value();
        row.InterfaceLuid = luid;
        check("GetIpInterfaceEntry", lib.GetIpInterfaceEntry(row), family + " interface " + luid);
        return row;
    }

    @Override
    public void setIpInterface(IpInterface settings) throws WindowsApiException {
        MibIpInterfaceRow row = currentRow(settings.luid(), settings.family());
        applyInterfaceSettings(row, settings);
        check("SetIpInterfaceEntry", lib.SetIpInterfaceEntry(row), settings);
    }

    static void applyInterfaceSettings(MibIpInterfaceRow row, IpInterface s) {
        row.NlMtu = s.mtu();
        row.UseAutomaticMetric = (byte) (s.automaticMetric() ? 1 : 0);
        row.Metric = s.metric();
        if (!s.routerDiscovery()) {
            row.RouterDiscoveryBehavior = MibIpInterfaceRow.ROUTER_DISCOVERY_DISABLED;
        }
        row.DadTransmits = s.dadTransmits();
        if (s.family() == AddressFamily.INET) {
            // SetIpInterfaceEntry rejects an IPv4 row whose SitePrefixLength is not 0 (documented quirk).
            row.SitePrefixLength = 0;
        }
    }

    static IpInterface interfaceOf(MibIpInterfaceRow row) {
        return new IpInterface(AddressFamily.fromValue(row.Family), row.InterfaceLuid, row.InterfaceIndex, row.NlMtu,
                row.UseAutomaticMetric != 0, row.Metric, row.Connected != 0,
                row.RouterDiscoveryBehavior != MibIpInterfaceRow.ROUTER_DISCOVERY_DISABLED, row.DadTransmits);
    }

    @Override
    public Closeable notifyRouteChange(RouteChangeListener listener) throws WindowsApiException {
        IpHlpApiLibrary.RouteChangeCallback callback = (context, row, type) ->
                listener.routeChanged(row == null ? null : routeOf(new MibIpForwardRow2(row)), type);
        PointerByReference handle = new PointerByReference();
        check("NotifyRouteChange2",
                lib.NotifyRouteChange2((short) AddressFamily.AF_UNSPEC, callback, null, (byte) 0, handle), "");
        return registration(handle.getValue(), callback);
    }

    @Override
    public Closeable notifyIpInterfaceChange(InterfaceChangeListener listener) throws WindowsApiException {
        IpHlpApiLibrary.InterfaceChangeCallback callback = (context, row, type) ->
                listener.interfaceChanged(row == null ? null : interfaceOf(new MibIpInterfaceRow(row)), type);
        PointerByReference handle = new PointerByReference();
        check("NotifyIpInterfaceChange",
                lib.NotifyIpInterfaceChange((short) AddressFamily.AF_UNSPEC, callback, null, (byte) 0, handle), "");
        return registration(handle.getValue(), callback);
    }

    private Closeable registration(Pointer handle, Object callback) {
        return new Registration(lib, handle, callback);
    }

    /**
     * One notification registration. It holds the callback strongly for as long as it exists: JNA frees the native
     * thunk of a collected callback, and the system would then call into freed memory. Whoever registers must keep
     * the registration until it is closed (the {@link NetworkChangeMonitor} does).
     */
    private static final class Registration implements Closeable {
        private final IpHlpApiLibrary lib;
        private final Pointer handle;
        private final Object callback;
        private boolean cancelled;

        Registration(IpHlpApiLibrary lib, Pointer handle, Object callback) {
            this.lib = lib;
            this.handle = handle;
            this.callback = callback;
        }

        /** {@code CancelMibChangeNotify2}: returns once no callback is running any more. */
        @Override
        public synchronized void close() throws IOException {
            if (!cancelled) {
                cancelled = true;
                check("CancelMibChangeNotify2", lib.CancelMibChangeNotify2(handle), handle);
            }
        }
    }

    static Guid.GUID guid(UUID uuid) {
        return Guid.GUID.fromString("{" + uuid + "}");
    }
}
