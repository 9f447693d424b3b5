package dev.warren.bridge.windows.service;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An SCM in memory: records every call; the test decides which services exist, their state, and which calls fail
 * (a queue of results per function, consumed in order).
 */
public final class RecordingServiceControlManager implements ServiceControlManager {

    public final CallLog log;
    public final Map<String, Integer> states = new HashMap<>();
    public final Map<String, Deque<Integer>> failures = new HashMap<>();
    private final Map<Long, String> handles = new HashMap<>();
    private long next = 0x100;

    public RecordingServiceControlManager() {
        this(new CallLog());
    }

    /** Records into {@code log}, shared with other fakes so a test sees the order across them. */
    public RecordingServiceControlManager(CallLog log) {
        this.log = log;
    }

    public void failNext(String function, int... codes) {
        Deque<Integer> q = failures.computeIfAbsent(function, f -> new ArrayDeque<>());
        for (int c : codes) {
            q.add(c);
        }
    }

    private void maybeFail(String function) throws WindowsApiException {
        Deque<Integer> q = failures.get(function);
        if (q != null && !q.isEmpty()) {
            int code = q.poll();
            if (code != 0) {
                throw new WindowsApiException(function, code);
            }
        }
    }

    private long handle(String name) {
        long h = next++;
        handles.put(h, name);
        return h;
    }

    private String n(long h) {
        return handles.getOrDefault(h, "?" + h);
    }

    @Override
    public long openManager(int access) throws WindowsApiException {
        log.add("OpenSCManagerW", "0x" + Integer.toHexString(access));
        maybeFail("OpenSCManagerW");
        return handle("scm");
    }

    @Override
    public long openService(long manager, String name, int access) throws WindowsApiException {
        log.add("OpenServiceW", n(manager), name, "0x" + Integer.toHexString(access));
        maybeFail("OpenServiceW");
        if (!states.containsKey(name)) {
            throw new WindowsApiException("OpenServiceW", WindowsApiException.ERROR_SERVICE_DOES_NOT_EXIST);
        }
        return handle(name);
    }

    @Override
    public long createService(long manager, String name, String displayName, int serviceType, int startType,
            int errorControl, String binaryPathName, List<String> dependencies) throws WindowsApiException {
        log.add("CreateServiceW", n(manager), name, displayName, "type=0x" + Integer.toHexString(serviceType),
                "start=" + startType, "error=" + errorControl, binaryPathName, "deps=" + dependencies,
                "account=LocalSystem");
        maybeFail("CreateServiceW");
        states.put(name, Winsvc.SERVICE_STOPPED);
        return handle(name);
    }

    @Override
    public void changeDescription(long service, String description) throws WindowsApiException {
        log.add("ChangeServiceConfig2W", n(service), "SERVICE_CONFIG_DESCRIPTION", description);
        maybeFail("ChangeServiceConfig2W");
    }

    @Override
    public void changeFailureActions(long service, int resetPeriodSeconds, List<Integer> restartDelaysMillis)
            throws WindowsApiException {
        log.add("ChangeServiceConfig2W", n(service), "SERVICE_CONFIG_FAILURE_ACTIONS", "reset=" + resetPeriodSeconds,
                "restart=" + restartDelaysMillis);
        maybeFail("ChangeServiceConfig2W");
    }

    @Override
    public void changeSidType(long service, int sidType) throws WindowsApiException {
        log.add("ChangeServiceConfig2W", n(service), "SERVICE_CONFIG_SERVICE_SID_INFO", "sidType=" + sidType);
        maybeFail("ChangeServiceConfig2W");
    }

    @Override
    public int queryState(long service) throws WindowsApiException {
        log.add("QueryServiceStatus", n(service));
        maybeFail("QueryServiceStatus");
        return states.get(n(service));
    }

    @Override
    public void start(long service) throws WindowsApiException {
        log.add("StartServiceW", n(service));
        maybeFail("StartServiceW");
        states.put(n(service), Winsvc.SERVICE_RUNNING);
    }

    @Override
    public void control(long service, int control) throws WindowsApiException {
        log.add("ControlService", n(service), control);
        maybeFail("ControlService");
    }

    @Override
    public void delete(long service) throws WindowsApiException {
        log.add("DeleteService", n(service));
        maybeFail("DeleteService");
        states.remove(n(service));
    }

    @Override
    public void close(long handle) {
        log.add("CloseServiceHandle", n(handle));
    }
}
