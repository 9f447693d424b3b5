package dev.warren.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.AccessPolicy;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.manager.ManagerOptions;
import dev.warren.app.manager.ManagerPlatform;
import dev.warren.app.manager.ManagerService;
import dev.warren.app.manager.RunningTunnel;
import dev.warren.app.manager.TunnelDriver;
import dev.warren.app.manager.TunnelEvents;
import dev.warren.app.manager.TunnelException;
import dev.warren.app.manager.TunnelResources;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.bridge.windows.service.RecordingServiceDispatcher;
import dev.warren.bridge.windows.service.WindowsServiceHost;
import dev.warren.bridge.windows.service.WindowsServiceInstaller;
import dev.warren.bridge.windows.service.Winsvc;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warren manager --service}'s body ({@link ManagerCommand#runAsService}) under a dispatcher fake playing the
 * SCM: a real manager (on a Unix socket here) starts inside START_PENDING, serves while RUNNING, hears a resume from
 * sleep as a power event, and is stopped by SERVICE_CONTROL_STOP inside STOP_PENDING before STOPPED is reported.
 */
class ManagerServiceRunTest {

    @TempDir
    Path dir;

    private final RecordingServiceDispatcher scm = new RecordingServiceDispatcher();
    private final AtomicInteger resumes = new AtomicInteger();

    /** No tunnels are started here; a manager needs a driver only to clean up after a killed predecessor. */
    private static final TunnelDriver IDLE = new TunnelDriver() {
        @Override
        public RunningTunnel start(TunnelName name, TunnelConfig config, KillSwitchSetting killSwitch,
                TunnelEvents events) throws TunnelException {
            throw new TunnelException("no tunnels in this test");
        }

        @Override
        public List<String> cleanUp(TunnelResources leftovers) {
            return List.of();
        }

        @Override
        public boolean removeLeftoverKillSwitch() {
            return false;
        }
    };

    private final WindowsServicePlumbing plumbing = new WindowsServicePlumbing() {
        @Override
        public boolean available() {
            return true;
        }

        @Override
        public WindowsServiceInstaller installer() {
            throw new AssertionError("nothing is installed here");
        }

        @Override
        public WindowsServiceHost host(WindowsServiceHost.Body body) {
            return new WindowsServiceHost(scm, WindowsServiceInstaller.MANAGER_SERVICE, body);
        }

        @Override
        public void resumedFromSleep() {
            resumes.incrementAndGet();
        }

        @Override
        public Optional<String> executable() {
            return Optional.empty();
        }
    };

    @Test
    void theServiceRunsTheManagerBetweenStartPendingAndStoppedAndPassesOnResumes() throws Exception {
        Path socket = dir.resolve("m.sock");
        ManagerService manager = new ManagerService(new ManagerOptions(socket, dir.resolve("store"),
                dir.resolve("log"), ManagerOptions.defaultRuntimeState(socket), false,
                new AccessPolicy("warren", "netdev")), IDLE, ManagerPlatform.LINUX, null);
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> service = CompletableFuture.supplyAsync(() -> {
            try {
                return ManagerCommand.runAsService(plumbing, manager, new PrintWriter(err, true));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(scm.running.await(10, TimeUnit.SECONDS), "RUNNING reported");
        try (ManagerClient c = ManagerClient.connect(socket)) {
            assertEquals(ManagerState.INACTIVE, ManagerClient.await(c.managerState()),
                    "the manager serves (no tunnel running)");
        }

        assertEquals(Winsvc.NO_ERROR,
                scm.handler.control(Winsvc.SERVICE_CONTROL_POWEREVENT, Winsvc.PBT_APMRESUMEAUTOMATIC));
        assertEquals(1, resumes.get(), "the resume went to the network watcher's signal");

        assertEquals(Winsvc.NO_ERROR, scm.handler.control(Winsvc.SERVICE_CONTROL_STOP, 0));
        assertEquals(0, service.get(10, TimeUnit.SECONDS), err.toString());
        assertFalse(Files.exists(socket), "the manager stopped and removed its socket");
        List<String> states = scm.log.callsTo("SetServiceStatus").stream()
                .map(c -> c.split(", ")[1] + (c.contains("RUNNING") ? " " + c.split(", ")[2] : "")).toList();
        assertEquals(List.of("START_PENDING", "RUNNING accepts=69", "STOP_PENDING", "STOPPED"), states,
                "RUNNING accepts STOP (1) | SHUTDOWN (4) | POWEREVENT (0x40)");
        assertEquals("SetServiceStatus(0x55, STOPPED, accepts=0, exit=0/0, checkpoint=0, hint=0)",
                scm.log.calls().getLast());
    }
}
