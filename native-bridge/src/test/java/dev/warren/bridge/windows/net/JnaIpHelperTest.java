package dev.warren.bridge.windows.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.IpNetwork;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link JnaIpHelper} against a recording stand-in for the {@code iphlpapi.dll} binding itself (the JNA library
 * interface is a plain Java interface): which exports it calls, in which order, with which structure contents, and
 * what it does with their results.
 */
class JnaIpHelperTest {

    private final CallLog log = new CallLog();
    private final Map<String, Integer> statuses = new HashMap<>();
    private final List<Object> arguments = new ArrayList<>();
    private final Memory notificationHandle = new Memory(8);
    private Object registeredCallback;
    /** Family, context and InitialNotification of the last registration, as passed to the library. */
    private List<Object> registration;
    private Memory table;
    private Object[] bestRouteArguments;

    private final IpHlpApiLibrary lib = (IpHlpApiLibrary) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {IpHlpApiLibrary.class}, (proxy, method, args) -> {
                String name = method.getName();
                log.add(name);
                arguments.add(args == null ? null : args[0]);
                switch (name) {
                    case "InitializeIpInterfaceEntry" -> ((MibIpInterfaceRow) args[0]).SitePrefixLength = 0;
                    case "GetIpInterfaceEntry" -> {
                        MibIpInterfaceRow row = (MibIpInterfaceRow) args[0];
                        row.SitePrefixLength = 64;
                        row.NlMtu = 1500;
                        row.Metric = 25;
                        row.UseAutomaticMetric = 1;
                        row.Connected = 1;
                        row.InterfaceIndex = 7;
                        row.RouterDiscoveryBehavior = 2;
                        row.DadTransmits = 3;
                    }
                    case "GetIpForwardTable2" -> ((PointerByReference) args[1]).setValue(table);
                    case "GetBestRoute2" -> {
                        bestRouteArguments = args.clone();
                        MibIpForwardRow2 row = (MibIpForwardRow2) args[5];
                        row.InterfaceLuid = 42;
                        row.InterfaceIndex = 7;
                        row.DestinationPrefix.set(IpNetwork.parse("0.0.0.0/0"));
                        row.NextHop.set(IpNetwork.parseLiteral("192.168.1.1"));
                        row.Metric = 25;
                    }
                    case "NotifyRouteChange2", "NotifyIpInterfaceChange" -> {
                        registeredCallback = args[1];
                        registration = Arrays.asList(args[0], args[2], args[3]);
                        ((PointerByReference) args[4]).setValue(notificationHandle);
                    }
                    default -> { }
                }
                return method.getReturnType() == int.class ? statuses.getOrDefault(name, 0) : null;
            });
    private final JnaIpHelper ip = new JnaIpHelper(lib);

    @Test
    void createRouteInitialisesTheRowBeforeFillingAndCreatingIt() throws Exception {
        ip.createRoute(new Route(42, 0, IpNetwork.parse("10.0.0.0/8"), IpNetwork.parseLiteral("0.0.0.0"), 0));
        assertEquals(List.of("InitializeIpForwardEntry()", "CreateIpForwardEntry2()"), log.calls());
        assertSame(arguments.get(0), arguments.get(1), "the initialised row is the one created");
        MibIpForwardRow2 row = (MibIpForwardRow2) arguments.get(1);
        assertEquals(42, row.InterfaceLuid);
        assertEquals(IpNetwork.parse("10.0.0.0/8"), row.DestinationPrefix.network());
    }

    @Test
    void bestRouteAsksForAnyInterfaceAndSourceAndReadsTheRowBack() throws Exception {
        Route r = ip.bestRoute(IpNetwork.parseLiteral("198.51.100.7"));
        assertEquals(List.of("GetBestRoute2()"), log.calls());
        assertEquals(null, bestRouteArguments[0], "no InterfaceLuid restriction");
        assertEquals(0, bestRouteArguments[1], "no InterfaceIndex restriction");
        assertEquals(null, bestRouteArguments[2], "no SourceAddress");
        assertEquals(IpNetwork.parseLiteral("198.51.100.7"), ((SockaddrInet) bestRouteArguments[3]).address());
        assertEquals(0, bestRouteArguments[4], "AddressSortOptions");
        assertEquals(new Route(42, 7, IpNetwork.parse("0.0.0.0/0"), IpNetwork.parseLiteral("192.168.1.1"), 25), r);
        statuses.put("GetBestRoute2", 1231);
        var e = assertThrows(WindowsApiException.class, () -> ip.bestRoute(IpNetwork.parseLiteral("203.0.113.1")));
        assertEquals("GetBestRoute2 failed with Win32 error 1231 (203.0.113.1)", e.getMessage());
    }

    @Test
    void aFailedCallIsAWindowsApiExceptionNamingTheExportAndTheObject() {
        statuses.put("CreateUnicastIpAddressEntry", WindowsApiException.ERROR_OBJECT_ALREADY_EXISTS);
        var e = assertThrows(WindowsApiException.class,
                () -> ip.createUnicastAddress(42, IpNetwork.parse("10.0.0.2/24")));
        assertEquals("CreateUnicastIpAddressEntry", e.function());
        assertEquals(5010, e.code());
        assertEquals("CreateUnicastIpAddressEntry failed with Win32 error 5010 (10.0.0.2/24)", e.getMessage());
    }

    @Test
    void setIpInterfaceReadsTheCurrentRowThenWritesItBackChanged() throws Exception {
        ip.setIpInterface(new IpInterface(AddressFamily.INET, 42, 7, 1420, false, 0, true, false, 0));
        assertEquals(List.of("InitializeIpInterfaceEntry()", "GetIpInterfaceEntry()", "SetIpInterfaceEntry()"),
                log.calls());
        MibIpInterfaceRow row = (MibIpInterfaceRow) arguments.get(2);
        assertEquals(2, row.Family);
        assertEquals(42, row.InterfaceLuid);
        assertEquals(1420, row.NlMtu);
        assertEquals(0, row.UseAutomaticMetric);
        assertEquals(0, row.SitePrefixLength, "IPv4 rows are set with SitePrefixLength 0");
        assertEquals(1, row.Connected, "fields not managed are written back as read");
    }

    @Test
    void routesAreReadFromTheTableWhichIsFreed() throws Exception {
        MibIpForwardRow2 a = new MibIpForwardRow2();
        JnaIpHelper.fillRouteRow(a, new Route(1, 11, IpNetwork.parse("0.0.0.0/0"), IpNetwork.parseLiteral("192.168.1.1"), 5));
        MibIpForwardRow2 b = new MibIpForwardRow2();
        JnaIpHelper.fillRouteRow(b, new Route(2, 12, IpNetwork.parse("10.0.0.0/8"), IpNetwork.parseLiteral("0.0.0.0"), 0));
        table = new Memory(8 + 2L * MibIpForwardRow2.SIZE);
        table.clear();
        table.setInt(0, 2);
        a.write();
        b.write();
        table.write(8, a.getPointer().getByteArray(0, MibIpForwardRow2.SIZE), 0, MibIpForwardRow2.SIZE);
        table.write(8 + MibIpForwardRow2.SIZE, b.getPointer().getByteArray(0, MibIpForwardRow2.SIZE), 0,
                MibIpForwardRow2.SIZE);
        List<Route> routes = ip.routes(AddressFamily.INET);
        assertEquals(List.of(
                new Route(1, 11, IpNetwork.parse("0.0.0.0/0"), IpNetwork.parseLiteral("192.168.1.1"), 5),
                new Route(2, 12, IpNetwork.parse("10.0.0.0/8"), IpNetwork.parseLiteral("0.0.0.0"), 0)), routes);
        assertEquals(List.of("GetIpForwardTable2()", "FreeMibTable()"), log.calls());
        assertEquals(Pointer.nativeValue(table), Pointer.nativeValue((Pointer) arguments.get(1)),
                "the table itself is freed");
    }

    @Test
    void routeNotificationsDecodeTheRowAndCancelWithTheirHandle() throws Exception {
        List<Route> seen = new ArrayList<>();
        var registration = ip.notifyRouteChange((route, type) -> seen.add(route));
        assertEquals(Arrays.asList((short) 0, null, (byte) 0), this.registration,
                "AF_UNSPEC (both families), no context, InitialNotification FALSE");
        MibIpForwardRow2 row = new MibIpForwardRow2();
        JnaIpHelper.fillRouteRow(row, new Route(3, 4, IpNetwork.parse("::/0"), IpNetwork.parseLiteral("fe80::1"), 0));
        row.write();
        ((IpHlpApiLibrary.RouteChangeCallback) registeredCallback).callback(null, row.getPointer(),
                IpHelper.MIB_ADD_INSTANCE);
        ((IpHlpApiLibrary.RouteChangeCallback) registeredCallback).callback(null, null, 3);
        assertEquals(3, seen.get(0).interfaceLuid());
        assertEquals(IpNetwork.parse("::/0"), seen.get(0).destination());
        assertEquals(null, seen.get(1), "the initial notification has no row");
        registration.close();
        registration.close();
        assertEquals(List.of("NotifyRouteChange2()", "CancelMibChangeNotify2()"), log.calls(), "cancelled once");
        assertEquals(Pointer.nativeValue(notificationHandle), Pointer.nativeValue((Pointer) arguments.get(1)),
                "cancelled with the handle the registration returned");
    }

    @Test
    void interfaceNotificationsDecodeTheKeyOfTheRow() throws Exception {
        List<IpInterface> seen = new ArrayList<>();
        try (var registration = ip.notifyIpInterfaceChange((row, type) -> seen.add(row))) {
            assertEquals(Arrays.asList((short) 0, null, (byte) 0), this.registration,
                    "AF_UNSPEC (both families), no context, InitialNotification FALSE");
            MibIpInterfaceRow row = new MibIpInterfaceRow();
            row.Family = 23;
            row.InterfaceLuid = 99;
            row.write();
            ((IpHlpApiLibrary.InterfaceChangeCallback) registeredCallback).callback(null, row.getPointer(),
                    IpHelper.MIB_PARAMETER_NOTIFICATION);
        }
        assertEquals(AddressFamily.INET6, seen.getFirst().family());
        assertEquals(99, seen.getFirst().luid());
        assertEquals(List.of("NotifyIpInterfaceChange()", "CancelMibChangeNotify2()"), log.calls());
    }
}
