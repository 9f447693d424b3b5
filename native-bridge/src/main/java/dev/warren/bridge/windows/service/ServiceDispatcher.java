package dev.warren.bridge.windows.service;

import dev.warren.bridge.windows.WindowsApiException;

/**
 * The service-side SCM calls ({@code advapi32.dll}). {@link JnaServiceDispatcher} is the real thing; the test
 * sources hold a recording fake that plays the SCM.
 */
public interface ServiceDispatcher {

    /**
     * {@code StartServiceCtrlDispatcherW} with one own-process entry: connects to the SCM and blocks until the
     * service has reported {@code SERVICE_STOPPED}; the SCM calls {@code serviceMain} on a thread of its own.
     * Fails with {@code ERROR_FAILED_SERVICE_CONTROLLER_CONNECT} (1063) when the process was not started by the SCM.
     */
    void run(String serviceName, Runnable serviceMain) throws WindowsApiException;

    /** {@code RegisterServiceCtrlHandlerExW}: returns the status handle. */
    long registerHandler(String serviceName, ControlHandler handler) throws WindowsApiException;

    /** {@code SetServiceStatus} with {@code dwServiceType = SERVICE_WIN32_OWN_PROCESS}. */
    void setStatus(long statusHandle, ServiceStatus status) throws WindowsApiException;

    /**
     * A {@code HandlerEx}: the control and its event type (e.g. the {@code PBT_*} of a power event; 0 for controls
     * without one); returns a Win32 error code ({@code NO_ERROR} when handled).
     */
    @FunctionalInterface
    interface ControlHandler {
        int control(int control, int eventType);
    }
}
