package dev.warren.bridge.windows.service;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.concurrent.CountDownLatch;

/** Plays the SCM: runs serviceMain on its own thread, as the real dispatcher does, and records every status. */
public final class RecordingServiceDispatcher implements ServiceDispatcher {

    public final CallLog log = new CallLog();
    public final CountDownLatch running = new CountDownLatch(1);
    public volatile ControlHandler handler;

    @Override
    public void run(String serviceName, Runnable serviceMain) throws WindowsApiException {
        log.add("StartServiceCtrlDispatcherW", serviceName);
        Thread t = Thread.ofPlatform().start(serviceMain);
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long registerHandler(String serviceName, ControlHandler h) {
        log.add("RegisterServiceCtrlHandlerExW", serviceName);
        handler = h;
        return 0x55;
    }

    @Override
    public void setStatus(long statusHandle, ServiceStatus s) {
        log.add("SetServiceStatus", "0x" + Long.toHexString(statusHandle), state(s.currentState()),
                "accepts=" + s.controlsAccepted(), "exit=" + s.win32ExitCode() + "/" + s.serviceSpecificExitCode(),
                "checkpoint=" + s.checkPoint(), "hint=" + s.waitHintMillis());
        if (s.currentState() == Winsvc.SERVICE_RUNNING) {
            running.countDown();
        }
    }

    private static String state(int s) {
        return switch (s) {
            case Winsvc.SERVICE_START_PENDING -> "START_PENDING";
            case Winsvc.SERVICE_RUNNING -> "RUNNING";
            case Winsvc.SERVICE_STOP_PENDING -> "STOP_PENDING";
            case Winsvc.SERVICE_STOPPED -> "STOPPED";
            default -> String.valueOf(s);
        };
    }
}
