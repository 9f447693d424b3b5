package dev.warren.app.manager;

import dev.warren.app.ipc.LogEntry;
import dev.warren.app.ipc.ManagerException;
import dev.warren.app.ipc.ManagerListener;
import dev.warren.app.ipc.ManagerState;
import dev.warren.app.ipc.TunnelStateChange;
import dev.warren.app.ipc.TunnelSummary;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A second client's view: every notification it received, in order, as text, waitable. */
final class NotificationRecorder implements ManagerListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<List<TunnelSummary>> lists = new CopyOnWriteArrayList<>();
    final List<LogEntry> log = new CopyOnWriteArrayList<>();

    @Override
    public synchronized void tunnelStateChanged(TunnelStateChange c) {
        add("state " + c.name() + " " + c.state() + (c.error() == null ? "" : " " + c.error()));
    }

    @Override
    public synchronized void tunnelsChanged(List<TunnelSummary> tunnels) {
        lists.add(tunnels);
        add("tunnels " + String.join(",", tunnels.stream().map(TunnelSummary::name).toList()));
    }

    @Override
    public synchronized void managerStateChanged(ManagerState state) {
        add("manager " + state);
    }

    @Override
    public synchronized void logAppended(List<LogEntry> entries) {
        log.addAll(entries);
        entries.forEach(e -> add("log [" + e.source() + "] " + e.message()));
    }

    @Override
    public synchronized void managerStopping() {
        add("stopping");
    }

    @Override
    public synchronized void disconnected(ManagerException cause) {
        add("disconnected");
    }

    private void add(String e) {
        events.add(e);
        notifyAll();
    }

    /** Waits until an event matching {@code p} has arrived; fails with everything seen otherwise. */
    synchronized String await(Predicate<String> p, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            for (String e : events) {
                if (p.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no notification " + what + " among " + events);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized String await(String exact) throws InterruptedException {
        return await(exact::equals, "'" + exact + "'");
    }
}
