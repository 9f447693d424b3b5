package dev.warren.bridge.windows.service;

import dev.warren.bridge.windows.WindowsApiException;
import java.util.List;

/**
 * The Service Control Manager calls ({@code advapi32.dll}), one method per Win32 function; handles are the raw
 * {@code SC_HANDLE} values. {@link JnaServiceControlManager} is the real thing; the test sources hold a recording
 * fake.
 */
public interface ServiceControlManager {

    /** {@code OpenSCManagerW(NULL, NULL, access)}. */
    long openManager(int access) throws WindowsApiException;

    /** {@code OpenServiceW}; fails with {@code ERROR_SERVICE_DOES_NOT_EXIST} when there is none. */
    long openService(long manager, String name, int access) throws WindowsApiException;

    /**
     * {@code CreateServiceW(manager, name, displayName, SERVICE_ALL_ACCESS, type, startType, errorControl,
     * binaryPathName, NULL, NULL, dependencies, NULL (LocalSystem), NULL)}.
     */
    long createService(long manager, String name, String displayName, int serviceType, int startType,
            int errorControl, String binaryPathName, List<String> dependencies) throws WindowsApiException;

    /** {@code ChangeServiceConfig2W(SERVICE_CONFIG_DESCRIPTION)}. */
    void changeDescription(long service, String description) throws WindowsApiException;

    /**
     * {@code ChangeServiceConfig2W(SERVICE_CONFIG_FAILURE_ACTIONS)} with one {@code SC_ACTION_RESTART} per delay.
     */
    void changeFailureActions(long service, int resetPeriodSeconds, List<Integer> restartDelaysMillis)
            throws WindowsApiException;

    /** {@code ChangeServiceConfig2W(SERVICE_CONFIG_SERVICE_SID_INFO)}. */
    void changeSidType(long service, int sidType) throws WindowsApiException;

    /** {@code QueryServiceStatus}: the {@code dwCurrentState}. */
    int queryState(long service) throws WindowsApiException;

    /** {@code StartServiceW} without arguments. */
    void start(long service) throws WindowsApiException;

    /** {@code ControlService}. */
    void control(long service, int control) throws WindowsApiException;

    /** {@code DeleteService}: marks it for deletion once every handle is closed. */
    void delete(long service) throws WindowsApiException;

    /** {@code CloseServiceHandle}. */
    void close(long handle);
}
