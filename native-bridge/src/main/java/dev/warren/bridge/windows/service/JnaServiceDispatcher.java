package dev.warren.bridge.windows.service;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc.HandlerEx;
import com.sun.jna.platform.win32.Winsvc.SERVICE_MAIN_FUNCTION;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS_HANDLE;
import com.sun.jna.platform.win32.Winsvc.SERVICE_TABLE_ENTRY;
import dev.warren.bridge.windows.WindowsApiException;

/**
 * {@link ServiceDispatcher} on jna-platform's {@code advapi32} mapping. The callbacks are held in fields for as long
 * as the dispatcher lives: the SCM calls them from native threads, and a collected JNA callback is freed memory.
 */
public final class JnaServiceDispatcher implements ServiceDispatcher {

    private final Advapi32 advapi32;
    private SERVICE_MAIN_FUNCTION mainCallback;
    private HandlerEx handlerCallback;

    public JnaServiceDispatcher(Advapi32 advapi32) {
        this.advapi32 = advapi32;
    }

    public static JnaServiceDispatcher load() {
        return new JnaServiceDispatcher(Advapi32.INSTANCE);
    }

    @Override
    public void run(String serviceName, Runnable serviceMain) throws WindowsApiException {
        mainCallback = (argc, argv) -> serviceMain.run();
        SERVICE_TABLE_ENTRY[] table = (SERVICE_TABLE_ENTRY[]) new SERVICE_TABLE_ENTRY().toArray(2);
        table[0].lpServiceName = serviceName;
        table[0].lpServiceProc = mainCallback;
        if (!advapi32.StartServiceCtrlDispatcher(table)) {
            throw new WindowsApiException("StartServiceCtrlDispatcherW", Native.getLastError(), serviceName);
        }
    }

    @Override
    public long registerHandler(String serviceName, ControlHandler handler) throws WindowsApiException {
        handlerCallback = (control, eventType, eventData, context) -> handler.control(control, eventType);
        SERVICE_STATUS_HANDLE h = advapi32.RegisterServiceCtrlHandlerEx(serviceName, handlerCallback, null);
        if (h == null) {
            throw new WindowsApiException("RegisterServiceCtrlHandlerExW", Native.getLastError(), serviceName);
        }
        return Pointer.nativeValue(h.getPointer());
    }

    @Override
    public void setStatus(long statusHandle, ServiceStatus status) throws WindowsApiException {
        SERVICE_STATUS s = new SERVICE_STATUS();
        s.dwServiceType = Winsvc.SERVICE_WIN32_OWN_PROCESS;
        s.dwCurrentState = status.currentState();
        s.dwControlsAccepted = status.controlsAccepted();
        s.dwWin32ExitCode = status.win32ExitCode();
        s.dwServiceSpecificExitCode = status.serviceSpecificExitCode();
        s.dwCheckPoint = status.checkPoint();
        s.dwWaitHint = status.waitHintMillis();
        if (!advapi32.SetServiceStatus(new SERVICE_STATUS_HANDLE(new Pointer(statusHandle)), s)) {
            throw new WindowsApiException("SetServiceStatus", Native.getLastError(), "state " + status.currentState());
        }
    }
}
