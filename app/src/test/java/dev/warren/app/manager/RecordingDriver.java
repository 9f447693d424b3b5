package dev.warren.app.manager;

import dev.warren.app.ipc.TunnelRuntime;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Stands in for the OS in tests of the supervisor's decisions (which tunnel starts or stops when): records the
 * exact calls made to it, and can be told to fail. It is not a data path; tests of the real start sequence use
 * the real driver.
 */
final class RecordingDriver implements TunnelDriver {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, TunnelEvents> events = new ConcurrentHashMap<>();
    final Map<String, KillSwitchSetting> killSwitches = new ConcurrentHashMap<>();
    volatile String failStartWith;
    volatile boolean leftoverKillSwitch;
    /** When set, a start is recorded, then counts {@link #startEntered} down and waits for this gate. */
    volatile CountDownLatch startGate;
    final CountDownLatch startEntered = new CountDownLatch(1);
    /** When set, a stop is recorded, then counts {@link #stopEntered} down and waits for this gate. */
    volatile CountDownLatch stopGate;
    final CountDownLatch stopEntered = new CountDownLatch(1);

    @Override
    public RunningTunnel start(TunnelName name, TunnelConfig config, KillSwitchSetting killSwitch,
            TunnelEvents tunnelEvents) throws TunnelException {
        calls.add("start " + name.value());
        killSwitches.put(name.value(), killSwitch);
        hold(startGate, startEntered);
        if (failStartWith != null) {
            throw new TunnelException(failStartWith);
        }
        events.put(name.value(), tunnelEvents);
        return new RunningTunnel() {
            @Override
            public TunnelResources resources() {
                return new TunnelResources(name.value(), name.value(), !config.interfaceConfig().dnsServers().isEmpty(),
                        List.of());
            }

            @Override
            public TunnelRuntime runtime() {
                return new TunnelRuntime(name.value(), config.interfaceConfig().privateKey().publicKey().toBase64(),
                        51820, 1420, List.of(), List.of(), List.of(), killSwitch.describe());
            }

            @Override
            public void stop() throws TunnelException {
                calls.add("stop " + name.value());
                hold(stopGate, stopEntered);
            }
        };
    }

    private static void hold(CountDownLatch gate, CountDownLatch entered) throws TunnelException {
        if (gate == null) {
            return;
        }
        entered.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TunnelException("interrupted while held at the gate");
        }
    }

    @Override
    public boolean removeLeftoverKillSwitch() {
        boolean had = leftoverKillSwitch;
        leftoverKillSwitch = false;
        return had;
    }

    @Override
    public List<String> cleanUp(TunnelResources leftovers) {
        calls.add("cleanUp " + leftovers.interfaceName() + (leftovers.dnsConfigured() ? " dns" : ""));
        return List.of();
    }
}
