package dev.warren.bridge.windows.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WindowsServiceHostTest {

    private final RecordingServiceDispatcher scm = new RecordingServiceDispatcher();
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

            @Override
            public void resumedFromSleep() {
                body.add("resumedFromSleep");
            }
        });
    }

    @Test
    void reportsPendingStatesWithCheckpointsAndStopsOnStopControl() throws Exception {
        WindowsServiceHost host = host(null);
        CompletableFuture<Void> run = inBackground(host);
        assertEquals(true, scm.running.await(10, TimeUnit.SECONDS));
        assertEquals(Winsvc.ERROR_CALL_NOT_IMPLEMENTED, scm.handler.control(Winsvc.SERVICE_CONTROL_PARAMCHANGE, 0));
        assertEquals(Winsvc.NO_ERROR, scm.handler.control(Winsvc.SERVICE_CONTROL_STOP, 0));
        run.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(
                "StartServiceCtrlDispatcherW(WarrenManager)",
                "RegisterServiceCtrlHandlerExW(WarrenManager)",
                "SetServiceStatus(0x55, START_PENDING, accepts=0, exit=0/0, checkpoint=1, hint=30000)",
                "SetServiceStatus(0x55, START_PENDING, accepts=0, exit=0/0, checkpoint=2, hint=30000)",
                "SetServiceStatus(0x55, RUNNING, accepts=69, exit=0/0, checkpoint=0, hint=0)",
                "SetServiceStatus(0x55, STOP_PENDING, accepts=0, exit=0/0, checkpoint=1, hint=30000)",
                "SetServiceStatus(0x55, STOP_PENDING, accepts=0, exit=0/0, checkpoint=2, hint=30000)",
                "SetServiceStatus(0x55, STOPPED, accepts=0, exit=0/0, checkpoint=0, hint=0)"), scm.log.calls());
        assertEquals(List.of("start()", "stop()"), body.calls());
    }

    /** Accepted with SERVICE_ACCEPT_POWEREVENT (0x40, in RUNNING's 69): only the resume reaches the body. */
    @Test
    void aResumeFromSleepPowerEventReachesTheBodyAndOtherPowerEventsAreAcknowledgedOnly() throws Exception {
        WindowsServiceHost host = host(null);
        CompletableFuture<Void> run = inBackground(host);
        assertEquals(true, scm.running.await(10, TimeUnit.SECONDS));
        int suspend = 0x0004;
        assertEquals(Winsvc.NO_ERROR, scm.handler.control(Winsvc.SERVICE_CONTROL_POWEREVENT, suspend));
        assertEquals(Winsvc.NO_ERROR,
                scm.handler.control(Winsvc.SERVICE_CONTROL_POWEREVENT, Winsvc.PBT_APMRESUMEAUTOMATIC));
        scm.handler.control(Winsvc.SERVICE_CONTROL_STOP, 0);
        run.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("start()", "resumedFromSleep()", "stop()"), body.calls());
    }

    @Test
    void shutdownStopsLikeStopAndTheBodyCanStopItself() throws Exception {
        WindowsServiceHost host = host(null);
        CompletableFuture<Void> run = inBackground(host);
        scm.running.await(10, TimeUnit.SECONDS);
        host.requestStop();
        run.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("start()", "stop()"), body.calls());
        assertEquals(Winsvc.NO_ERROR, scm.handler.control(Winsvc.SERVICE_CONTROL_SHUTDOWN, 0));
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

    /** Runs the host as the SCM's dispatcher thread would, until it returns. */
    private static CompletableFuture<Void> inBackground(WindowsServiceHost host) {
        return CompletableFuture.runAsync(() -> {
            try {
                host.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
