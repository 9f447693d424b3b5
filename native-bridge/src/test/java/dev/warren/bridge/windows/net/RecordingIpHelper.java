package dev.warren.bridge.windows.net;

import dev.warren.bridge.windows.AddressFamily;
import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.IpNetwork;
import java.io.Closeable;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An IP Helper in memory: a route table and interface rows the test sets up, every call recorded with its values,
 * failures injectable per function, and the registered notification callbacks kept so the test can fire them.
 */
public final class RecordingIpHelper implements IpHelper {

    public final CallLog log;
    public final Map<AddressFamily, List<Route>> table = new HashMap<>();
    final Map<String, IpInterface> interfaces = new HashMap<>();
    public final Map<String, Integer> failures = new HashMap<>();
    /** The registered callbacks, for tests to fire as the system would. */
    public RouteChangeListener routeListener;
    public InterfaceChangeListener interfaceListener;

    public RecordingIpHelper() {
        this(new CallLog());
    }

    /** Records into {@code log}, shared with other fakes so a test sees the order across them. */
    public RecordingIpHelper(CallLog log) {
        this.log = log;
    }

    private final Map<UUID, Long> guids = new HashMap<>();
    private final Map<Long, Integer> indexes = new HashMap<>();

    /**
     * An adapter the conversions know: its GUID, LUID and index map onto each other. Unknown GUIDs give LUID 77, and
     * unknown LUIDs and indexes map onto themselves.
     */
    public synchronized void adapter(UUID guid, long luid, int index) {
        guids.put(guid, luid);
        indexes.put(luid, index);
    }

    public void putInterface(IpInterface row) {
        interfaces.put(row.luid() + "/" + row.family(), row);
    }

    private void maybeFail(String function) throws WindowsApiException {
        Integer code = failures.get(function);
        if (code != null) {
            throw new WindowsApiException(function, code);
        }
    }

    @Override
    public long luidFromGuid(UUID interfaceGuid) throws WindowsApiException {
        log.add("ConvertInterfaceGuidToLuid", interfaceGuid);
        maybeFail("ConvertInterfaceGuidToLuid");
        synchronized (this) {
            return guids.getOrDefault(interfaceGuid, 77L);
        }
    }

    @Override
    public UUID guidFromLuid(long luid) throws WindowsApiException {
        log.add("ConvertInterfaceLuidToGuid", luid);
        maybeFail("ConvertInterfaceLuidToGuid");
        return new UUID(0, luid);
    }

    @Override
    public int indexFromLuid(long luid) throws WindowsApiException {
        log.add("ConvertInterfaceLuidToIndex", luid);
        maybeFail("ConvertInterfaceLuidToIndex");
        synchronized (this) {
            return indexes.getOrDefault(luid, (int) luid);
        }
    }

    @Override
    public long luidFromIndex(int index) throws WindowsApiException {
        log.add("ConvertInterfaceIndexToLuid", index);
        maybeFail("ConvertInterfaceIndexToLuid");
        synchronized (this) {
            return indexes.entrySet().stream().filter(e -> e.getValue() == index).mapToLong(Map.Entry::getKey)
                    .findFirst().orElse(index);
        }
    }

    @Override
    public void createUnicastAddress(long luid, IpNetwork address) throws WindowsApiException {
        log.add("CreateUnicastIpAddressEntry", luid, address.address().getHostAddress() + "/" + address.prefixLength());
        maybeFail("CreateUnicastIpAddressEntry");
    }

    @Override
    public void deleteUnicastAddress(long luid, IpNetwork address) throws WindowsApiException {
        log.add("DeleteUnicastIpAddressEntry", luid, address.address().getHostAddress() + "/" + address.prefixLength());
        maybeFail("DeleteUnicastIpAddressEntry");
    }

    private static String route(Route r) {
        return r.interfaceLuid() + ", " + r.destination().address().getHostAddress() + "/"
                + r.destination().prefixLength() + " via " + r.nextHop().getHostAddress() + ", metric " + r.metric();
    }

    @Override
    public void createRoute(Route r) throws WindowsApiException {
        log.add("CreateIpForwardEntry2", route(r));
        maybeFail("CreateIpForwardEntry2");
    }

    @Override
    public void deleteRoute(Route r) throws WindowsApiException {
        log.add("DeleteIpForwardEntry2", route(r));
        maybeFail("DeleteIpForwardEntry2");
    }

    @Override
    public synchronized List<Route> routes(AddressFamily family) throws WindowsApiException {
        log.add("GetIpForwardTable2", family);
        maybeFail("GetIpForwardTable2");
        return new ArrayList<>(table.getOrDefault(family, List.of()));
    }

    /** What {@link #bestRoute} answers; unset means "no route" ({@code ERROR_NETWORK_UNREACHABLE}). */
    public Route best;

    @Override
    public synchronized Route bestRoute(InetAddress destination) throws WindowsApiException {
        log.add("GetBestRoute2", destination.getHostAddress());
        maybeFail("GetBestRoute2");
        if (best == null) {
            throw new WindowsApiException("GetBestRoute2", 1231);
        }
        return best;
    }

    @Override
    public synchronized IpInterface ipInterface(long luid, AddressFamily family) throws WindowsApiException {
        log.add("GetIpInterfaceEntry", luid, family);
        maybeFail("GetIpInterfaceEntry");
        IpInterface row = interfaces.get(luid + "/" + family);
        if (row == null) {
            throw new WindowsApiException("GetIpInterfaceEntry", WindowsApiException.ERROR_NOT_FOUND);
        }
        return row;
    }

    @Override
    public synchronized void setIpInterface(IpInterface s) throws WindowsApiException {
        log.add("SetIpInterfaceEntry", s.luid(), s.family(), "mtu=" + s.mtu(), "automaticMetric=" + s.automaticMetric(),
                "metric=" + s.metric(), "routerDiscovery=" + s.routerDiscovery(), "dadTransmits=" + s.dadTransmits());
        maybeFail("SetIpInterfaceEntry");
        putInterface(s);
    }

    @Override
    public Closeable notifyRouteChange(RouteChangeListener listener) throws WindowsApiException {
        log.add("NotifyRouteChange2", "callback");
        maybeFail("NotifyRouteChange2");
        routeListener = listener;
        return () -> {
            log.add("CancelMibChangeNotify2", "route");
            routeListener = null;
        };
    }

    @Override
    public Closeable notifyIpInterfaceChange(InterfaceChangeListener listener) throws WindowsApiException {
        log.add("NotifyIpInterfaceChange", "callback");
        maybeFail("NotifyIpInterfaceChange");
        interfaceListener = listener;
        return () -> {
            log.add("CancelMibChangeNotify2", "interface");
            interfaceListener = null;
        };
    }
}
