package dev.warren.bridge.watch;

import static dev.warren.bridge.watch.UplinkLab.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.linux.LinuxNetworkConfigurator;
import dev.warren.bridge.linux.LinuxNetworkMonitor;
import dev.warren.bridge.linux.NetNs;
import dev.warren.core.config.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's "no polling": while the network is quiet, none of the watcher's threads (the rtnetlink monitor,
 * the watcher's queue, the logind reader) runs at all — the kernel's own count of each thread's context
 * switches stays the same over a few seconds — and a change wakes them at once.
 */
@Tag("netns")
class NetworkWatcherIdleTest {

    /** Thread names as the kernel keeps them (15 characters). */
    private static final Set<String> WATCHER_THREADS = Set.of("warren-netwatch", "warren-netlink-", "warren-logind");

    @Test
    void noWatcherThreadWakesWhileNothingChanges() throws Exception {
        Map<String, String> others = switchesOfWatcherThreads();
        try (NetNs ns = NetNs.create("nwi"); PrivateBus bus = PrivateBus.start()) {
            // Without IPv6 no late address and route events (duplicate address detection) follow the set-up.
            ns.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
            ns.exec("ip", "link", "add", "up0", "type", "veth", "peer", "name", "up1");
            ns.exec("ip", "addr", "add", "10.5.0.1/24", "dev", "up0");
            ns.exec("ip", "link", "set", "up1", "up");
            ns.exec("ip", "link", "set", "up0", "up");
            ns.exec("ip", "route", "add", "default", "via", "10.5.0.254", "dev", "up0");
            LinuxNetworkConfigurator net = ns.call(LinuxNetworkConfigurator::new);
            NetworkWatcher watcher = ns.call(() -> NetworkWatcher.start(new LinuxNetworkMonitor(), net,
                    new LogindResumeSignal(bus.monitorOption(), false), Endpoint::resolve));
            try {
                awaitTrue("the uplink", () -> watcher.uplink(false).isPresent());
                Map<String, String> mine = new HashMap<>(switchesOfWatcherThreads());
                mine.keySet().removeAll(others.keySet());
                assertEquals(3, mine.size(), "monitor, watcher and logind reader threads: " + mine);
                assertBlockedWithoutTimeout();
                settle();

                Map<String, String> quiet = switchesOfWatcherThreads();
                Thread.sleep(3000);
                Map<String, String> later = switchesOfWatcherThreads();
                for (String t : mine.keySet()) {
                    assertEquals(quiet.get(t), later.get(t), "thread " + t + " woke up");
                }

                ns.exec("ip", "link", "set", "up0", "mtu", "1400");
                awaitTrue("the watcher sees the new MTU", () -> watcher.uplink(false).orElseThrow().mtu() == 1400);
                Map<String, String> woken = switchesOfWatcherThreads();
                assertTrue(mine.keySet().stream().anyMatch(t -> !later.get(t).equals(woken.get(t))),
                        "a change is seen as a wake-up, so the quiet window above measured something");
            } finally {
                watcher.close();
                net.close();
            }
        }
    }

    /**
     * Waits until the kernel has finished reporting the set-up (carrier changes arrive up to a second late): one
     * second in which no thread of the watcher ran. A thread that woke more often would never get there.
     */
    private static void settle() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<String, String> before = switchesOfWatcherThreads();
        while (true) {
            Thread.sleep(1000);
            Map<String, String> now = switchesOfWatcherThreads();
            if (now.equals(before)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the watcher's threads never went quiet: " + now);
            before = now;
        }
    }

    /** Each thread waits with no deadline: the monitor in poll(2), the others parked or in read(2). */
    private static void assertBlockedWithoutTimeout() {
        Map<String, Thread.State> states = new HashMap<>();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            switch (t.getName()) {
                case "warren-netlink-monitor", "warren-logind" -> {
                    assertEquals(Thread.State.RUNNABLE, t.getState());
                    assertTrue(stack.length > 0 && stack[0].isNativeMethod(), t.getName() + " in native code: "
                            + List.of(stack));
                    states.put(t.getName(), t.getState());
                }
                case "warren-netwatch" -> {
                    assertEquals(Thread.State.WAITING, t.getState(), "parked without a timeout");
                    states.put(t.getName(), t.getState());
                }
                default -> {
                }
            }
        });
        assertEquals(3, states.size(), states.toString());
    }

    /** "thread id name" → "voluntary/nonvoluntary" context switches, for every thread of this JVM named as ours. */
    private static Map<String, String> switchesOfWatcherThreads() throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (!WATCHER_THREADS.contains(name)) {
                        continue;
                    }
                    String voluntary = "";
                    String involuntary = "";
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            voluntary = line.substring(line.indexOf(':') + 1).strip();
                        } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                            involuntary = line.substring(line.indexOf(':') + 1).strip();
                        }
                    }
                    out.put(task.getFileName() + " " + name, voluntary + "/" + involuntary);
                } catch (NoSuchFileException ended) {
                    // A thread that ended while being listed.
                }
            }
        }
        return out;
    }
}
