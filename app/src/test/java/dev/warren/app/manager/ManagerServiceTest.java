package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.AccessPolicy;
import dev.warren.app.ipc.ErrorCode;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.RpcException;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.testing.Configs;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's decisions about when tunnels start and stop (boot start, update of a running tunnel, stale
 * cleanup), in-process over the real socket, with the OS side recorded by {@link RecordingDriver}.
 */
class ManagerServiceTest {

    @TempDir
    Path dir;
    RecordingDriver driver = new RecordingDriver();

    private ManagerService manager() {
        return manager("m.sock", "store", "log");
    }

    private ManagerService manager(String socketName, String storeName, String logName) {
        Path socket = dir.resolve(socketName);
        return new ManagerService(new ManagerOptions(socket, dir.resolve(storeName), dir.resolve(logName),
                ManagerOptions.defaultRuntimeState(socket), false, new AccessPolicy("warren", "netdev")), driver,
                ManagerPlatform.LINUX, null);
    }

    @Test
    void tunnelsMarkedForBootStartComeBackWhenTheManagerStarts() throws Exception {
        try (ConfigStore store = ConfigStore.open(dir.resolve("store"))) {
            store.write(new TunnelName("a"), Configs.tunnel("10.1.0.2/24", "10.1.0.0/24"));
            store.write(new TunnelName("b"), Configs.tunnel("10.2.0.2/24", "10.2.0.0/24"));
            store.setBootStart(new TunnelName("a"), true);
        }
        ManagerService m = manager();
        m.start();
        try (ManagerClient c = ManagerClient.connect(dir.resolve("m.sock"))) {
            assertEquals(List.of("start a"), driver.calls);
            List<TunnelSummary> list = ManagerClient.await(c.listTunnels());
            assertEquals(new TunnelSummary("a", TunnelState.ACTIVE, null, true, List.of("10.1.0.2/24")), list.get(0));
            assertEquals(ManagerState.ACTIVE, ManagerClient.await(c.managerState()));
            ManagerClient.await(c.setBootStart("b", true));
            ManagerClient.await(c.setBootStart("a", false));
        } finally {
            m.stop();
        }
        assertEquals(List.of("start a", "stop a"), driver.calls, "a clean stop takes the tunnel down");

        driver.calls.clear();
        ManagerService again = manager();
        again.start();
        again.stop();
        assertEquals(List.of("start b", "stop b"), driver.calls);
    }

    @Test
    void updatingARunningTunnelStopsReplacesAndRestartsIt() throws Exception {
        ManagerService m = manager();
        m.start();
        try (ManagerClient c = ManagerClient.connect(dir.resolve("m.sock"))) {
            ManagerClient.await(c.createTunnel("a", Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")));
            ManagerClient.await(c.startTunnel("a"));
            TunnelSummary s = ManagerClient.await(c.updateTunnel("a", "a2", Configs.tunnel("10.1.0.3/24", "10.1.0.0/24")));
            assertEquals(TunnelState.ACTIVE, s.state());
            assertEquals(List.of("start a", "stop a", "start a2"), driver.calls);
            ManagerClient.await(c.deleteTunnel("a2"));
            assertEquals(List.of("start a", "stop a", "start a2", "stop a2"), driver.calls);

            ManagerClient.await(c.createTunnel("b", Configs.tunnel("10.2.0.2/24", "10.2.0.0/24")));
            driver.failStartWith = "no route to the endpoint";
            RpcException e = assertThrows(RpcException.class, () -> ManagerClient.await(c.startTunnel("b")));
            assertEquals(ErrorCode.TUNNEL_FAILED, e.code());
            assertEquals("no route to the endpoint", e.getMessage());
            TunnelSummary b = ManagerClient.await(c.listTunnels()).getFirst();
            assertEquals(TunnelState.ERROR, b.state());
            assertEquals("no route to the endpoint", b.error());
            assertEquals(ManagerState.ERROR, ManagerClient.await(c.managerState()));

            RpcException longName = assertThrows(RpcException.class,
                    () -> ManagerClient.await(c.createTunnel("a-name-of-16-chr", Configs.tunnel("10.3.0.2/24", "10.3.0.0/24"))));
            assertEquals(ErrorCode.INVALID_PARAMS, longName.code());
            assertTrue(longName.getMessage().contains("at most 15 characters"), longName.getMessage());
        } finally {
            m.stop();
        }
    }

    @Test
    void aManagerKilledWithRunningTunnelsIsCleanedUpAfterByTheNextOne() throws Exception {
        ManagerService m = manager();
        m.start();
        try (ManagerClient c = ManagerClient.connect(dir.resolve("m.sock"))) {
            ManagerClient.await(c.createTunnel("a", Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")));
            ManagerClient.await(c.startTunnel("a"));
        }
        // Simulate kill -9: the state file is what a killed manager leaves; copy it aside before a clean stop
        // empties it, then put it back.
        Path state = ManagerOptions.defaultRuntimeState(dir.resolve("m.sock"));
        byte[] leftover = Files.readAllBytes(state);
        m.stop();
        Files.write(state, leftover);

        driver.calls.clear();
        ManagerService next = manager();
        next.start();
        next.stop();
        assertEquals(List.of("cleanUp a"), driver.calls);
    }

    @Test
    void theStoredKillSwitchSettingReachesTheDriverAndTheRuntimeAndABadDirectiveIsRefused() throws Exception {
        driver.leftoverKillSwitch = true;
        ManagerService m = manager();
        m.start();
        try (ManagerClient c = ManagerClient.connect(dir.resolve("m.sock"))) {
            assertTrue(ManagerClient.await(c.readLog(0, 100)).entries().stream().anyMatch(e -> e.source().equals("manager")
                    && e.message().equals("removed the kill-switch a previous manager left installed")));

            String bad = Configs.tunnel("10.1.0.2/24", "0.0.0.0/0")
                    .replace("# keys made for this test", "# Warren: BlockUntunneledTraffic = maybe");
            RpcException e = assertThrows(RpcException.class, () -> ManagerClient.await(c.createTunnel("a", bad)));
            assertEquals(ErrorCode.INVALID_CONFIG, e.code());
            assertEquals(List.of("a.conf:2:1: error: '# Warren: BlockUntunneledTraffic' is true or false, not 'maybe'"),
                    e.details());
            assertEquals(List.of(), ManagerClient.await(c.listTunnels()), "nothing was saved");

            ManagerClient.await(c.createTunnel("a", Configs.tunnel("10.1.0.2/24", "0.0.0.0/0").replace(
                    "# keys made for this test", "# Warren: AllowLocalNetwork = true")));
            ManagerClient.await(c.startTunnel("a"));
            assertEquals(new KillSwitchSetting(true, true), driver.killSwitches.get("a"),
                    "one peer routing everything blocks by default, with the LAN as written");
            assertEquals("on, local network allowed", ManagerClient.await(c.runtime("a")).killSwitch());

            ManagerClient.await(c.updateTunnel("a", "a", Configs.tunnel("10.1.0.2/24", "0.0.0.0/0").replace(
                    "# keys made for this test", "# Warren: BlockUntunneledTraffic = false")));
            assertEquals(new KillSwitchSetting(false, false), driver.killSwitches.get("a"), "restarted without it");
            assertEquals("off", ManagerClient.await(c.runtime("a")).killSwitch());
        } finally {
            m.stop();
        }
    }

    /**
     * A delete arriving while the tunnel is being started waits for the start, then stops and removes it: the
     * tunnel must never be left running with no config stored (nor the delete fail with an internal error).
     */
    @Test
    void aDeleteDuringAStartWaitsForItAndLeavesNothingRunning() throws Exception {
        ManagerService m = manager();
        m.start();
        try (ManagerClient admin = ManagerClient.connect(dir.resolve("m.sock"));
                ManagerClient other = ManagerClient.connect(dir.resolve("m.sock"))) {
            ManagerClient.await(admin.createTunnel("a", Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")));
            CountDownLatch gate = new CountDownLatch(1);
            driver.startGate = gate;
            CompletableFuture<TunnelSummary> start = admin.startTunnel("a");
            assertTrue(driver.startEntered.await(30, TimeUnit.SECONDS), "the start reached the driver");

            CompletableFuture<Void> delete = other.deleteTunnel("a");
            awaitCondition(() -> delete.isDone() || m.hasWaitingChange());
            gate.countDown();

            assertEquals(TunnelState.ACTIVE, ManagerClient.await(start).state());
            ManagerClient.await(delete);
            assertEquals(List.of("start a", "stop a"), driver.calls, "the delete stopped what the start brought up");
            assertEquals(List.of(), ManagerClient.await(admin.listTunnels()));
            assertFalse(Files.exists(dir.resolve("store").resolve("a.conf")));
        } finally {
            m.stop();
        }
        assertEquals(List.of("start a", "stop a"), driver.calls, "nothing was left running for shutdown to stop");
    }

    /** An update waiting while the tunnel is deleted finds it gone, instead of writing it back from a stale copy. */
    @Test
    void anUpdateDuringADeleteDoesNotBringTheTunnelBack() throws Exception {
        ManagerService m = manager();
        m.start();
        try (ManagerClient admin = ManagerClient.connect(dir.resolve("m.sock"));
                ManagerClient other = ManagerClient.connect(dir.resolve("m.sock"))) {
            ManagerClient.await(admin.createTunnel("a", Configs.tunnel("10.1.0.2/24", "10.1.0.0/24")));
            ManagerClient.await(admin.startTunnel("a"));
            CountDownLatch gate = new CountDownLatch(1);
            driver.stopGate = gate;
            CompletableFuture<Void> delete = admin.deleteTunnel("a");
            assertTrue(driver.stopEntered.await(30, TimeUnit.SECONDS), "the delete is stopping the tunnel");

            CompletableFuture<TunnelSummary> update = other.updateTunnel("a", "a",
                    Configs.tunnel("10.1.0.3/24", "10.1.0.0/24"));
            awaitCondition(() -> update.isDone() || m.hasWaitingChange());
            gate.countDown();

            ManagerClient.await(delete);
            RpcException e = assertThrows(RpcException.class, () -> ManagerClient.await(update));
            assertEquals(ErrorCode.NO_SUCH_TUNNEL, e.code());
            assertEquals(List.of(), ManagerClient.await(admin.listTunnels()));
            assertFalse(Files.exists(dir.resolve("store").resolve("a.conf")), "the deleted tunnel stays deleted");
        } finally {
            m.stop();
        }
    }

    /** Waits for a condition that the code under test makes true, without guessing how long it takes. */
    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.sleep(10);
        }
    }

    /** Another socket is no way around the single instance: the store and the ring log have locks of their own. */
    @Test
    void aSecondManagerOnAnotherSocketIsRefusedTheStoreAndTheLog() throws Exception {
        ManagerService first = manager();
        first.start();
        long pid = ProcessHandle.current().pid();
        try {
            IOException sameStore = assertThrows(IOException.class, () -> manager("other.sock", "store", "other.log").start());
            assertEquals("another Warren manager is already running: process " + pid + " holds "
                    + dir.resolve("store").resolve(".manager.lock") + ", the lock of the config store "
                    + dir.resolve("store"), sameStore.getMessage());

            IOException sameLog = assertThrows(IOException.class, () -> manager("other.sock", "other-store", "log").start());
            assertEquals("another Warren manager is already running: process " + pid + " holds " + dir.resolve("log.lock")
                    + ", the lock of the log " + dir.resolve("log"), sameLog.getMessage());

            try (ManagerClient c = ManagerClient.connect(dir.resolve("m.sock"))) {
                assertEquals(List.of(), ManagerClient.await(c.listTunnels()), "the first one still serves");
            }
        } finally {
            first.stop();
        }
        ManagerService second = manager("other.sock", "store", "other.log");
        second.start();
        second.stop();
    }

    /** A config someone else owns is never loaded (its PostUp would run as root), at start or when dropped in. */
    @Test
    void configsOwnedByAnotherUserAreIgnoredAndLogged() throws Exception {
        Path store = dir.resolve("store");
        try (ConfigStore s = ConfigStore.open(store)) {
            s.write(new TunnelName("ours"), Configs.tunnel("10.1.0.2/24", "10.1.0.0/24"));
        }
        Path before = Files.writeString(store.resolve("before.conf"), Configs.tunnel("10.2.0.2/24", "10.2.0.0/24"));
        Files.setOwner(before, ConfigStoreTest.nobody());
        ManagerService m = manager();
        m.start();
        try (ManagerClient c = ManagerClient.connect(dir.resolve("m.sock"))) {
            assertEquals(List.of("ours"), ManagerClient.await(c.listTunnels()).stream().map(TunnelSummary::name).toList());

            Path tmp = Files.writeString(dir.resolve("later.conf"), Configs.tunnel("10.3.0.2/24", "10.3.0.0/24"));
            Files.setOwner(tmp, ConfigStoreTest.nobody());
            Path later = Files.move(tmp, store.resolve("later.conf"));
            awaitCondition(() -> logged(c, "[later] ignoring " + later + ": it belongs to user nobody"));

            assertTrue(logged(c, "[before] ignoring " + before + ": it belongs to user nobody (uid 65534)"));
            assertEquals(List.of("ours"), ManagerClient.await(c.listTunnels()).stream().map(TunnelSummary::name).toList());
            RpcException e = assertThrows(RpcException.class, () -> ManagerClient.await(c.startTunnel("later")));
            assertEquals(ErrorCode.NO_SUCH_TUNNEL, e.code());
        } finally {
            m.stop();
        }
    }

    private static boolean logged(ManagerClient c, String prefix) {
        return ManagerClient.await(c.readLog(-1, 2048)).entries().stream()
                .anyMatch(e -> ("[" + e.source() + "] " + e.message()).startsWith(prefix));
    }
}
