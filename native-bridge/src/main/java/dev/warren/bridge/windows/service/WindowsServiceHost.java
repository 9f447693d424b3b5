package dev.warren.bridge.windows.service;

import dev.warren.bridge.windows.WindowsApiException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the manager as a Windows service: the entry point of {@code warren manager --service}.
 *
 * <p>Status protocol: {@code START_PENDING} (checkpoints while starting) → {@code RUNNING} accepting STOP,
 * SHUTDOWN and POWEREVENT (a resume from sleep is handed to {@link Body#resumedFromSleep}) → on STOP or SHUTDOWN, {@code STOP_PENDING} (checkpoints while stopping) → {@code STOPPED}. A start failure goes
 * straight to {@code STOPPED} with a service-specific exit code, which the SCM logs and which triggers the
 * configured restart.
 */
public final class WindowsServiceHost {

    /** What the service runs. {@code progress} reports one more checkpoint of the pending state. */
    public interface Body {
        void start(Runnable progress) throws Exception;

        void stop(Runnable progress) throws Exception;

        /**
         * The machine woke up ({@code PBT_APMRESUMEAUTOMATIC}). Runs on the SCM's handler thread, which must not be
         * held up: only hand the news on.
         */
        void resumedFromSleep();
    }

    /** Service-specific exit codes. */
    public static final int EXIT_START_FAILED = 1;
    public static final int EXIT_STOP_FAILED = 2;
    static final int START_WAIT_HINT_MILLIS = 30_000;
    static final int STOP_WAIT_HINT_MILLIS = 30_000;

    private final ServiceDispatcher dispatcher;
    private final String serviceName;
    private final Body body;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private long statusHandle;
    private int checkPoint;
    private volatile Exception failure;

    public WindowsServiceHost(ServiceDispatcher dispatcher, String serviceName, Body body) {
        this.dispatcher = dispatcher;
        this.serviceName = serviceName;
        this.body = body;
    }

    /**
     * Hands the process to the SCM and returns once the service has stopped.
     *
     * @throws Exception what made the body fail to start or stop, or the dispatcher's error
     */
    public void run() throws Exception {
        dispatcher.run(serviceName, this::serviceMain);
        if (failure != null) {
            throw failure;
        }
    }

    /** Lets the body stop the service from inside (e.g. the manager was told to quit). */
    public void requestStop() {
        stopRequested.countDown();
    }

    private int onControl(int control, int eventType) {
        return switch (control) {
            case Winsvc.SERVICE_CONTROL_STOP, Winsvc.SERVICE_CONTROL_SHUTDOWN -> {
                stopRequested.countDown();
                yield Winsvc.NO_ERROR;
            }
            case Winsvc.SERVICE_CONTROL_POWEREVENT -> {
                if (eventType == Winsvc.PBT_APMRESUMEAUTOMATIC) {
                    body.resumedFromSleep();
                }
                yield Winsvc.NO_ERROR;
            }
            case Winsvc.SERVICE_CONTROL_INTERROGATE -> Winsvc.NO_ERROR;
            default -> Winsvc.ERROR_CALL_NOT_IMPLEMENTED;
        };
    }

    private void serviceMain() {
        try {
            statusHandle = dispatcher.registerHandler(serviceName, this::onControl);
        } catch (WindowsApiException e) {
            failure = e;
            return;
        }
        try {
            pending(Winsvc.SERVICE_START_PENDING, START_WAIT_HINT_MILLIS);
            try {
                body.start(() -> pending(Winsvc.SERVICE_START_PENDING, START_WAIT_HINT_MILLIS));
            } catch (Exception e) {
                failure = e;
                report(new ServiceStatus(Winsvc.SERVICE_STOPPED, 0, Winsvc.ERROR_SERVICE_SPECIFIC_ERROR,
                        EXIT_START_FAILED, 0, 0));
                return;
            }
            report(new ServiceStatus(Winsvc.SERVICE_RUNNING,
                    Winsvc.SERVICE_ACCEPT_STOP | Winsvc.SERVICE_ACCEPT_SHUTDOWN | Winsvc.SERVICE_ACCEPT_POWEREVENT,
                    Winsvc.NO_ERROR, 0, 0, 0));
            stopRequested.await();
            checkPoint = 0;
            pending(Winsvc.SERVICE_STOP_PENDING, STOP_WAIT_HINT_MILLIS);
            int specific = 0;
            try {
                body.stop(() -> pending(Winsvc.SERVICE_STOP_PENDING, STOP_WAIT_HINT_MILLIS));
            } catch (Exception e) {
                failure = e;
                specific = EXIT_STOP_FAILED;
            }
            report(new ServiceStatus(Winsvc.SERVICE_STOPPED, 0,
                    specific == 0 ? Winsvc.NO_ERROR : Winsvc.ERROR_SERVICE_SPECIFIC_ERROR, specific, 0, 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
            report(new ServiceStatus(Winsvc.SERVICE_STOPPED, 0, Winsvc.NO_ERROR, 0, 0, 0));
        }
    }

    private synchronized void pending(int state, int waitHint) {
        checkPoint++;
        report(new ServiceStatus(state, 0, Winsvc.NO_ERROR, 0, checkPoint, waitHint));
    }

    private void report(ServiceStatus status) {
        try {
            dispatcher.setStatus(statusHandle, status);
        } catch (WindowsApiException e) {
            // Nothing more can be told to the SCM; remember the first failure for run() to throw.
            if (failure == null) {
                failure = e;
            }
        }
    }
}
