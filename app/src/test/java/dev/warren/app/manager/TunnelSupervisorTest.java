package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.TunnelState;
import dev.warren.app.testing.Configs;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import dev.warren.core.config.WgQuickParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunnelSupervisorTest {

    @TempDir
    Path dir;
    RingLog log;
    RecordingDriver driver = new RecordingDriver();
    List<String> events = new CopyOnWriteArrayList<>();
    RuntimeStateFile state;

    @BeforeEach
    void open() throws IOException {
        log = RingLog.open(dir.resolve("log"), 256, Clock.systemUTC());
        state = new RuntimeStateFile(dir.resolve("runtime.json"));
    }

    @AfterEach
    void close() throws IOException {
        log.close();
    }

    private TunnelSupervisor supervisor(boolean allowScripts) {
        return new TunnelSupervisor(driver, state, allowScripts, log,
                (n, s, e) -> events.add(n.value() + " " + s + (e == null ? "" : ": " + e)));
    }

    private static TunnelConfig config(String text) {
        return ((ParseResult.Valid) WgQuickParser.parse("t.conf", text)).config();
    }

    private static final KillSwitchSetting OFF = new KillSwitchSetting(false, false);
    private static final TunnelName A = new TunnelName("a");
    private static final TunnelName B = new TunnelName("b");
    private static final TunnelName C = new TunnelName("c");

    @Test
    void startingATunnelStopsRunningTunnelsThatOverlapItOnly() throws Exception {
        TunnelSupervisor s = supervisor(false);
        s.start(A, config(Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")), OFF);
        s.start(B, config(Configs.tunnel("10.2.0.2/24", "10.2.0.0/24")), OFF);
        assertEquals(List.of("start a", "start b"), driver.calls, "disjoint tunnels run together");
        // c's AllowedIPs 10.1.0.0/16 covers a's 10.1.0.0/24, so a must stop; b (10.2.0.0/24) is untouched.
        s.start(C, config(Configs.tunnel("192.168.7.2/32", "10.1.0.0/16")), OFF);
        assertEquals(List.of("start a", "start b", "stop a", "start c"), driver.calls);
        assertEquals(TunnelState.INACTIVE, s.status(A).state());
        assertEquals(TunnelState.ACTIVE, s.status(B).state());
        assertEquals(TunnelState.ACTIVE, s.status(C).state());
        assertTrue(log.read(0, 100).entries().stream().anyMatch(e -> e.source().equals("c")
                && e.message().equals("stopping tunnel 'a' first: 10.1.0.0/16 overlaps its 10.1.0.0/24")));
        assertEquals(List.of("a ACTIVATING", "a ACTIVE", "b ACTIVATING", "b ACTIVE", "a DEACTIVATING", "a INACTIVE",
                "c ACTIVATING", "c ACTIVE"), events);
    }

    @Test
    void aDefaultRouteOverlapsEveryTunnelOfItsFamily() throws Exception {
        TunnelSupervisor s = supervisor(false);
        s.start(A, config(Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")), OFF);
        s.start(B, config(Configs.tunnel("fd00::2/64", "fd00::/64")), OFF);
        s.start(C, config(Configs.tunnel("10.9.0.2/32", "0.0.0.0/0")), OFF);
        assertEquals(List.of("start a", "start b", "stop a", "start c"), driver.calls, "the v6 tunnel keeps running");
    }

    @Test
    void scriptsRefuseToStartWithoutTheOptInAndNameTheKeys() throws Exception {
        String text = Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")
                .replace("[Peer]", "PostUp = echo up\nPreDown = echo down\n\n[Peer]");
        TunnelSupervisor s = supervisor(false);
        TunnelException e = assertThrows(TunnelException.class, () -> s.start(A, config(text), OFF));
        assertEquals("tunnel 'a' has PostUp, PreDown scripts, which this manager does not run: remove them from the "
                + "config, or restart the manager with --allow-scripts to allow scripts in every tunnel", e.getMessage());
        assertEquals(List.of(), driver.calls, "nothing was started");
        assertEquals(TunnelState.ERROR, s.status(A).state());

        supervisor(true).start(A, config(text), OFF);
        assertEquals(List.of("start a"), driver.calls);
    }

    @Test
    void aFailedStartIsAnErrorWithItsReasonAndStopClearsIt() throws Exception {
        TunnelSupervisor s = supervisor(false);
        driver.failStartWith = "creating the interface failed: Operation not permitted";
        assertThrows(TunnelException.class, () -> s.start(A, config(Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")), OFF));
        assertEquals(new TunnelSupervisor.Status(TunnelState.ERROR, driver.failStartWith), s.status(A));
        s.stop(A);
        assertEquals(TunnelState.INACTIVE, s.status(A).state());
        assertEquals(List.of("a ACTIVATING", "a ERROR: " + driver.failStartWith, "a INACTIVE"), events);
    }

    @Test
    void aTunnelThatBreaksIsTakenDownAndShowsWhy() throws Exception {
        TunnelSupervisor s = supervisor(false);
        s.start(A, config(Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")), OFF);
        driver.events.get("a").failed("the interface a was deleted");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (s.status(A).state() != TunnelState.ERROR && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(new TunnelSupervisor.Status(TunnelState.ERROR, "the interface a was deleted"), s.status(A));
        assertEquals(List.of("start a", "stop a"), driver.calls);
        assertEquals(List.of(), state.read(), "nothing left to clean up");
    }

    @Test
    void runningTunnelsAreRecordedAndAKilledManagersLeftoversCleanedUp() throws Exception {
        TunnelSupervisor s = supervisor(false);
        s.start(A, config(Configs.tunnel("10.1.0.2/24", "10.1.0.0/24").replace("Address", "DNS = 10.1.0.1\nAddress")), OFF);
        s.start(B, config(Configs.tunnel("10.2.0.2/24", "10.2.0.0/24")), OFF);
        assertEquals(List.of("a", "b"), state.read().stream().map(TunnelResources::interfaceName).sorted().toList());
        // The manager is killed here: nothing stops a and b. The next one finds them in the state file.
        RecordingDriver next = new RecordingDriver();
        new TunnelSupervisor(next, state, false, log, (n, st, e) -> { }).cleanUpStale();
        assertEquals(List.of("cleanUp a dns", "cleanUp b"), next.calls.stream().sorted().toList());
        assertEquals(List.of(), state.read());
        assertTrue(Files.exists(state.path()));
    }
}
