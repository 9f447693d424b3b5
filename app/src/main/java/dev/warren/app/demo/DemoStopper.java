package dev.warren.app.demo;

import dev.warren.app.demo.DemoState.Role;
import dev.warren.app.ipc.UnixSocketAcceptor;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.ManagerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code warren demo --stop}: removes what {@link DemoState} records, in the reverse order of its creation, and
 * nothing else: processes only by the PID and start time recorded, the tunnel only if the demo stored it, the
 * manager only if the demo started it. Every step is tried even when an earlier one fails; the state is removed
 * only when nothing is left.
 */
public final class DemoStopper {

    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration VETH_GONE = Duration.ofSeconds(5);

    private final Path stateDir;
    private final SystemCommands sys;
    private final PrintWriter out;

    public DemoStopper(Path stateDir, SystemCommands sys, PrintWriter out) {
        this.stateDir = stateDir;
        this.sys = sys;
        this.out = out;
    }

    /** Whether the demo {@code state} describes still runs: its namespace is there and its peer alive. */
    public static boolean isRunning(DemoState state) {
        return netnsExists(state.netns()) && state.process(Role.PEER).map(StartedProcess::alive).orElse(false);
    }

    /**
     * Stops the demo recorded in the state directory, or says that none runs.
     *
     * @return whether everything it had created is gone
     */
    public boolean stopRecorded() {
        SystemCommands.requireRoot();
        Optional<DemoState> state = DemoState.read(stateDir);
        if (state.isEmpty()) {
            say("no demo is running (nothing is recorded in " + stateDir + ").");
            return true;
        }
        return stop(state.get());
    }

    /** Removes what {@code state} records. */
    public boolean stop(DemoState state) {
        boolean clean = true;
        for (Role r : List.of(Role.GUI, Role.TRAYER, Role.XVFB)) {
            stopProcess(state, r);
        }
        if (state.tunnelCreated()) {
            clean &= removeTunnel(state);
        }
        state.process(Role.MANAGER).ifPresent(m -> stopManager(state, m));
        stopProcess(state, Role.WEB);
        stopProcess(state, Role.PEER);
        if (netnsExists(state.netns())) {
            // The peer's end of the veth pair is in the namespace: deleting it deletes the pair.
            if (sys.succeeds("ip", "netns", "del", state.netns())) {
                say("removed network namespace " + state.netns() + " and its veth link");
            } else {
                say("could not remove network namespace " + state.netns() + ": try `ip netns del " + state.netns() + "`");
                clean = false;
            }
        }
        // The kernel removes the pair with the namespace, a moment after `ip netns del` returns; it stays only if
        // something still holds the namespace. Checked to be a veth so that an interface of someone else's that
        // took the name since is never deleted.
        if (vethOutlives(state.plan().hostVeth()) && !sys.succeeds("ip", "link", "del", "dev", state.plan().hostVeth())) {
            say("could not remove interface " + state.plan().hostVeth());
            clean = false;
        }
        for (Role r : Role.values()) {
            if (state.process(r).map(StartedProcess::alive).orElse(false)) {
                say(state.process(r).get() + " is still running");
                clean = false;
            }
        }
        if (clean) {
            deleteStateDirectory();
            say("the demo is stopped; everything it had created is removed.");
        } else {
            say("the demo is not completely removed (above); its record is kept in " + stateDir
                    + " so that `" + DemoOptions.command() + " demo --stop` can try again.");
        }
        return clean;
    }

    private void stopProcess(DemoState state, Role role) {
        state.process(role).ifPresent(p -> {
            if (p.stop(GRACE)) {
                say("stopped " + p);
            }
        });
    }

    private boolean removeTunnel(DemoState state) {
        if (!UnixSocketAcceptor.isLive(state.socketPath())) {
            say("the manager on " + state.socket() + " is not running, so the tunnel " + state.tunnel()
                    + " stays stored in it: start the manager and run `" + DemoOptions.command() + " demo --stop` again");
            return false;
        }
        try (ManagerClient m = ManagerClient.connect(state.socketPath())) {
            if (ManagerClient.await(m.listTunnels()).stream().anyMatch(t -> t.name().equals(state.tunnel()))) {
                ManagerClient.await(m.deleteTunnel(state.tunnel()));
                say("stopped the tunnel " + state.tunnel() + " and removed it from the manager");
            }
            return true;
        } catch (ManagerException e) {
            say("could not remove the tunnel " + state.tunnel() + " from the manager: " + e.getMessage());
            return false;
        }
    }

    /** Asks the manager the demo started to quit (it stops its tunnels, removes its socket), else SIGTERM. */
    private void stopManager(DemoState state, StartedProcess manager) {
        if (!manager.alive()) {
            return;
        }
        if (UnixSocketAcceptor.isLive(state.socketPath())) {
            try (ManagerClient m = ManagerClient.connect(state.socketPath())) {
                ManagerClient.await(m.quit());
            } catch (ManagerException e) {
                // It may close the connection before answering: it is leaving either way, else SIGTERM follows.
            }
        }
        // Quitting, it stops its tunnels and removes its socket; SIGTERM does the same if it did not hear.
        if (!manager.awaitExit(GRACE)) {
            manager.stop(GRACE);
        }
        say("stopped " + manager + ", which the demo had started");
    }

    private boolean vethOutlives(String name) {
        long deadline = System.nanoTime() + VETH_GONE.toNanos();
        while (isVeth(name)) {
            if (System.nanoTime() > deadline) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    private boolean isVeth(String name) {
        try {
            return sys.run("ip", "-o", "-d", "link", "show", "dev", name).contains(" veth ");
        } catch (DemoException e) {
            return false;
        }
    }

    private static boolean netnsExists(String netns) {
        return Files.exists(Path.of("/run/netns", netns));
    }

    private void deleteStateDirectory() {
        if (!Files.exists(stateDir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(stateDir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            say("could not remove " + stateDir + ": " + e.getMessage());
        }
    }

    private void say(String line) {
        out.println("warren demo: " + line);
        out.flush();
    }
}
