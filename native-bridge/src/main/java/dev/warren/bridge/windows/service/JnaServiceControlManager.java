package dev.warren.bridge.windows.service;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc.ChangeServiceConfig2Info;
import com.sun.jna.platform.win32.Winsvc.SC_ACTION;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import com.sun.jna.platform.win32.Winsvc.SERVICE_DESCRIPTION;
import com.sun.jna.platform.win32.Winsvc.SERVICE_FAILURE_ACTIONS;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.List;

/** {@link ServiceControlManager} on jna-platform's {@code advapi32} mapping (the W functions). */
public final class JnaServiceControlManager implements ServiceControlManager {

    private final Advapi32 advapi32;

    public JnaServiceControlManager(Advapi32 advapi32) {
        this.advapi32 = advapi32;
    }

    public static JnaServiceControlManager load() {
        return new JnaServiceControlManager(Advapi32.INSTANCE);
    }

    private static SC_HANDLE handle(long value) {
        SC_HANDLE h = new SC_HANDLE();
        h.setPointer(new Pointer(value));
        return h;
    }

    private static long value(SC_HANDLE handle, String function, String what) throws WindowsApiException {
        if (handle == null) {
            throw new WindowsApiException(function, Native.getLastError(), what);
        }
        return Pointer.nativeValue(handle.getPointer());
    }

    private static void check(boolean ok, String function, String what) throws WindowsApiException {
        if (!ok) {
            throw new WindowsApiException(function, Native.getLastError(), what);
        }
    }

    @Override
    public long openManager(int access) throws WindowsApiException {
        return value(advapi32.OpenSCManager(null, null, access), "OpenSCManagerW", "");
    }

    @Override
    public long openService(long manager, String name, int access) throws WindowsApiException {
        return value(advapi32.OpenService(handle(manager), name, access), "OpenServiceW", name);
    }

    /**
     * {@code lpDependencies} is a double-NUL-terminated list; a Java string with embedded NULs plus the one JNA
     * appends gives exactly that.
     */
    @Override
    public long createService(long manager, String name, String displayName, int serviceType, int startType,
            int errorControl, String binaryPathName, List<String> dependencies) throws WindowsApiException {
        String deps = dependencies.isEmpty() ? null : String.join("\0", dependencies) + "\0";
        return value(advapi32.CreateService(handle(manager), name, displayName, 0xF01FF, serviceType, startType,
                errorControl, binaryPathName, null, null, deps, null, null), "CreateServiceW", name);
    }

    @Override
    public void changeDescription(long service, String description) throws WindowsApiException {
        SERVICE_DESCRIPTION info = new SERVICE_DESCRIPTION();
        info.lpDescription = description;
        check(advapi32.ChangeServiceConfig2(handle(service), Winsvc.SERVICE_CONFIG_DESCRIPTION, info),
                "ChangeServiceConfig2W", "SERVICE_CONFIG_DESCRIPTION");
    }

    @Override
    public void changeFailureActions(long service, int resetPeriodSeconds, List<Integer> restartDelaysMillis)
            throws WindowsApiException {
        SERVICE_FAILURE_ACTIONS info = new SERVICE_FAILURE_ACTIONS();
        SC_ACTION.ByReference first = new SC_ACTION.ByReference();
        SC_ACTION[] actions = (SC_ACTION[]) first.toArray(restartDelaysMillis.size());
        for (int i = 0; i < actions.length; i++) {
            actions[i].type = Winsvc.SC_ACTION_RESTART;
            actions[i].delay = restartDelaysMillis.get(i);
            actions[i].write();
        }
        info.dwResetPeriod = resetPeriodSeconds;
        info.cActions = actions.length;
        info.lpsaActions = first;
        check(advapi32.ChangeServiceConfig2(handle(service), Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS, info),
                "ChangeServiceConfig2W", "SERVICE_CONFIG_FAILURE_ACTIONS");
    }

    /** {@code SERVICE_SID_INFO}, which jna-platform does not declare. */
    @Structure.FieldOrder("dwServiceSidType")
    public static class ServiceSidInfo extends ChangeServiceConfig2Info {
        public int dwServiceSidType;
    }

    @Override
    public void changeSidType(long service, int sidType) throws WindowsApiException {
        ServiceSidInfo info = new ServiceSidInfo();
        info.dwServiceSidType = sidType;
        check(advapi32.ChangeServiceConfig2(handle(service), Winsvc.SERVICE_CONFIG_SERVICE_SID_INFO, info),
                "ChangeServiceConfig2W", "SERVICE_CONFIG_SERVICE_SID_INFO");
    }

    @Override
    public int queryState(long service) throws WindowsApiException {
        SERVICE_STATUS status = new SERVICE_STATUS();
        check(advapi32.QueryServiceStatus(handle(service), status), "QueryServiceStatus", "");
        return status.dwCurrentState;
    }

    @Override
    public void start(long service) throws WindowsApiException {
        check(advapi32.StartService(handle(service), 0, null), "StartServiceW", "");
    }

    @Override
    public void control(long service, int control) throws WindowsApiException {
        check(advapi32.ControlService(handle(service), control, new SERVICE_STATUS()), "ControlService",
                "control " + control);
    }

    @Override
    public void delete(long service) throws WindowsApiException {
        check(advapi32.DeleteService(handle(service)), "DeleteService", "");
    }

    @Override
    public void close(long handle) {
        advapi32.CloseServiceHandle(handle(handle));
    }
}
