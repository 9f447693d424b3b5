package dev.warren.bridge.windows.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WindowsServiceHostTest {

    /** Plays the SCM: runs serviceMain on its own thread, as the real dispatcher does, and records every status. */
    static final class RecordingDispatcher implements ServiceDispatcher {
        final CallLog log = new CallLog();
        final CountDownLatch running = new CountDownLatch(1);
        volatile ControlHandler handler;

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

    private final RecordingDispatcher scm = new RecordingDispatcher();
    private final CallLog body = new CallLog();

    private WindowsServiceHost host(Exception startFailure) {
        return new WindowsServiceHost(scm, "WarrenManager", new WindowsServiceHost.Body() {
            @Override
            public void start(Runnable progress) throws Exception {
                body.add("start");
                progress.run();
                if (startFailure != null) {
                    throw startFailure;
                }
            }

            @Override
            public void stop(Runnable progress) {
                body.add("stop");
                progress.run();
            }
        });
    }

    @Test
    void reportsPendingStatesWithCheckpointsAndStopsOnStopControl() throws Exception {
        WindowsServiceHost host = host(null);
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                host.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(true, scm.running.await(10, TimeUnit.SECONDS));
        assertEquals(Winsvc.ERROR_CALL_NOT_IMPLEMENTED, scm.handler.control(Winsvc.SERVICE_CONTROL_PARAMCHANGE));
        assertEquals(Winsvc.NO_ERROR, scm.handler.control(Winsvc.SERVICE_CONTROL_STOP));
        run.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(
                "StartServiceCtrlDispatcherW(WarrenManager)",
                "RegisterServiceCtrlHandlerExW(WarrenManager)",
                "SetServiceStatus(0x55, START_PENDING, accepts=0, exit=0/0, checkpoint=1, hint=30000)",
                "SetServiceStatus(0x55, START_PENDING, accepts=0, exit=0/0, checkpoint=2, hint=30000)",
                "SetServiceStatus(0x55, RUNNING, accepts=5, exit=0/0, checkpoint=0, hint=0)",
                "SetServiceStatus(0x55, STOP_PENDING, accepts=0, exit=0/0, checkpoint=1, hint=30000)",
                "SetServiceStatus(0x55, STOP_PENDING, accepts=0, exit=0/0, checkpoint=2, hint=30000)",
                "SetServiceStatus(0x55, STOPPED, accepts=0, exit=0/0, checkpoint=0, hint=0)"), scm.log.calls());
        assertEquals(List.of("start()", "stop()"), body.calls());
    }

    @Test
    void shutdownStopsLikeStopAndTheBodyCanStopItself() throws Exception {
        WindowsServiceHost host = host(null);
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
            try {
                host.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        scm.running.await(10, TimeUnit.SECONDS);
        host.requestStop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("start()", "stop()"), body.calls());
        assertEquals(Winsvc.NO_ERROR, scm.handler.control(Winsvc.SERVICE_CONTROL_SHUTDOWN));
    }

    @Test
    void aStartFailureReportsStoppedWithAServiceSpecificExitCodeAndRethrows() {
        IllegalStateException boom = new IllegalStateException("port busy");
        Exception e = assertThrows(Exception.class, () -> host(boom).run());
        assertSame(boom, e);
        List<String> calls = scm.log.calls();
        assertEquals("SetServiceStatus(0x55, STOPPED, accepts=0, exit=1066/1, checkpoint=0, hint=0)", calls.getLast());
        assertEquals(List.of("start()"), body.calls());
    }
}
