package dev.warren.app.manager;

import dev.warren.app.ipc.TunnelRuntime;
import dev.warren.app.ipc.TunnelState;
import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The life cycle of every tunnel: inactive → activating → active (or error) → deactivating → inactive.
 *
 * <p>Starts and stops are serialised (one at a time, manager-wide) so that the overlap rule and the runtime
 * state file always see a settled set of running tunnels; state and runtime queries never wait for them.
 * Starting a tunnel first stops every running tunnel whose addresses or allowed IPs overlap it.
 */
public final class TunnelSupervisor {

    /** Where state changes go (the manager broadcasts them). */
    public interface Events {
        void stateChanged(TunnelName name, TunnelState state, String error);
    }

    /** A tunnel's state and, for {@link TunnelState#ERROR}, why. */
    public record Status(TunnelState state, String error) {
        static final Status INACTIVE = new Status(TunnelState.INACTIVE, null);
    }

    private record Running(TunnelConfig config, RunningTunnel handle) {
    }

    private final TunnelDriver driver;
    private final RuntimeStateFile stateFile;
    private final boolean allowScripts;
    private final RingLog log;
    private final Events events;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<TunnelName, Status> status = new ConcurrentHashMap<>();
    private final Map<TunnelName, Running> running = new ConcurrentHashMap<>();

    TunnelSupervisor(TunnelDriver driver, RuntimeStateFile stateFile, boolean allowScripts, RingLog log, Events events) {
        this.driver = driver;
        this.stateFile = stateFile;
        this.allowScripts = allowScripts;
        this.log = log;
        this.events = events;
    }

    public Status status(TunnelName name) {
        return status.getOrDefault(name, Status.INACTIVE);
    }

    public boolean isRunning(TunnelName name) {
        return running.containsKey(name);
    }

    /** Names of the running tunnels. */
    public List<TunnelName> runningTunnels() {
        return List.copyOf(running.keySet());
    }

    /** Live figures of a running tunnel. */
    public Optional<TunnelRuntime> runtime(TunnelName name) {
        Running r = running.get(name);
        return r == null ? Optional.empty() : Optional.of(r.handle.runtime());
    }

    /**
     * Starts a tunnel, first stopping running tunnels that overlap it. Starting a running tunnel is a no-op.
     *
     * @param killSwitch the kill-switch setting stored with the config
     *
     * @throws TunnelException the tunnel is now in {@link TunnelState#ERROR} with the same message
     */
    public void start(TunnelName name, TunnelConfig config, KillSwitchSetting killSwitch) throws TunnelException {
        lock.lock();
        try {
            if (running.containsKey(name)) {
                return;
            }
            try {
                ScriptGate.check(name.value(), config.interfaceConfig(), allowScripts);
            } catch (TunnelException e) {
                set(name, new Status(TunnelState.ERROR, e.getMessage()));
                log.append(name.value(), "not started: " + e.getMessage());
                throw e;
            }
            for (Map.Entry<TunnelName, Running> other : List.copyOf(running.entrySet())) {
                String conflict = TunnelOverlap.conflict(config, other.getValue().config);
                if (conflict != null) {
                    log.append(name.value(), "stopping tunnel '" + other.getKey().value() + "' first: " + conflict);
                    stopLocked(other.getKey());
                }
            }
            set(name, new Status(TunnelState.ACTIVATING, null));
            log.append(name.value(), "starting");
            RunningTunnel handle;
            try {
                handle = driver.start(name, config, killSwitch, new TunnelEvents() {
                    @Override
                    public void log(String message) {
                        log.append(name.value(), message);
                    }

                    @Override
                    public void failed(String reason) {
                        onFailure(name, reason);
                    }

                    @Override
                    public void changed(TunnelResources soFar) {
                        recordResources(soFar);
                    }
                });
            } catch (TunnelException | RuntimeException e) {
                // The driver undid its steps: what it reported while starting is no longer on the system.
                recordResources();
                String why = e instanceof TunnelException ? e.getMessage() : "internal error: " + e;
                set(name, new Status(TunnelState.ERROR, why));
                log.append(name.value(), "start failed: " + why);
                throw e instanceof TunnelException te ? te : new TunnelException(why, e);
            }
            running.put(name, new Running(config, handle));
            recordResources();
            set(name, new Status(TunnelState.ACTIVE, null));
            log.append(name.value(), "active");
        } finally {
            lock.unlock();
        }
    }

    /** Stops a tunnel; stopping one that does not run clears its error and is otherwise a no-op. */
    public void stop(TunnelName name) throws TunnelException {
        lock.lock();
        try {
            if (!running.containsKey(name)) {
                if (status(name).state() == TunnelState.ERROR) {
                    set(name, Status.INACTIVE);
                }
                return;
            }
            stopLocked(name);
        } finally {
            lock.unlock();
        }
    }

    private void stopLocked(TunnelName name) throws TunnelException {
        Running r = running.get(name);
        set(name, new Status(TunnelState.DEACTIVATING, null));
        log.append(name.value(), "stopping");
        try {
            r.handle.stop();
            set(name, Status.INACTIVE);
            log.append(name.value(), "stopped");
        } catch (TunnelException | RuntimeException e) {
            String why = "stopped with errors: " + e.getMessage();
            set(name, new Status(TunnelState.ERROR, why));
            log.append(name.value(), why);
            throw e instanceof TunnelException te ? te : new TunnelException(why, e);
        } finally {
            running.remove(name);
            recordResources();
        }
    }

    /** A running tunnel broke on its own (e.g. its interface was deleted): take down what is left of it. */
    private void onFailure(TunnelName name, String reason) {
        Thread.ofVirtual().name("tunnel-failure").start(() -> {
            lock.lock();
            try {
                if (!running.containsKey(name)) {
                    return;
                }
                log.append(name.value(), "failed: " + reason);
                try {
                    stopLocked(name);
                } catch (TunnelException e) {
                    // Logged by stopLocked; the error below says what broke first.
                }
                set(name, new Status(TunnelState.ERROR, reason));
            } finally {
                lock.unlock();
            }
        });
    }

    /** Stops every running tunnel, continuing past failures (manager shutdown). */
    public void stopAll() {
        lock.lock();
        try {
            for (TunnelName n : List.copyOf(running.keySet())) {
                try {
                    stopLocked(n);
                } catch (TunnelException e) {
                    // Logged by stopLocked; shutdown goes on with the others.
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the status of a deleted or renamed tunnel (it must not be running). */
    public void forget(TunnelName name) {
        if (running.containsKey(name)) {
            throw new IllegalStateException("tunnel " + name.value() + " is running");
        }
        status.remove(name);
    }

    /**
     * Removes what tunnels of a previous, killed manager left on the system, as recorded in the runtime state
     * file, and empties the record, and removes a kill-switch it left blocking the machine. Call once before
     * starting anything.
     */
    public void cleanUpStale() throws IOException {
        lock.lock();
        try {
            try {
                if (driver.removeLeftoverKillSwitch()) {
                    log.append("manager", "removed the kill-switch a previous manager left installed");
                }
            } catch (TunnelException e) {
                log.append("manager", "could not remove the kill-switch a previous manager left installed: "
                        + e.getMessage());
            }
            List<TunnelResources> leftovers = stateFile.read();
            for (TunnelResources r : leftovers) {
                log.append("manager", "removing interface " + r.interfaceName() + (r.dnsConfigured() ? " and its DNS" : "")
                        + " left by a manager that did not stop cleanly");
                try {
                    driver.cleanUp(r).forEach(line -> log.append("manager", line));
                } catch (TunnelException e) {
                    log.append("manager", "could not remove leftovers of " + r.tunnel() + ": " + e.getMessage());
                }
            }
            stateFile.write(List.of());
        } finally {
            lock.unlock();
        }
    }

    private void recordResources() {
        recordResources(null);
    }

    /** Records the running tunnels' resources and, when not null, those of the one being started. */
    private void recordResources(TunnelResources starting) {
        List<TunnelResources> now = new ArrayList<>();
        running.values().forEach(r -> now.add(r.handle.resources()));
        if (starting != null) {
            now.add(starting);
        }
        try {
            stateFile.write(now);
        } catch (IOException e) {
            log.append("manager", "cannot record running tunnels in " + stateFile.path() + ": " + e.getMessage()
                    + "; after a crash their interfaces must be removed by hand");
        }
    }

    private void set(TunnelName name, Status s) {
        Status old = status.put(name, s);
        if (!s.equals(old == null ? Status.INACTIVE : old)) {
            events.stateChanged(name, s.state(), s.error());
        }
    }
}
