package dev.warren.bridge.linux;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace owned by one test: created with a random name, torn down by {@link #close()} even when
 * the test failed. Code that must create kernel objects inside it (a TUN, sockets, a netlink socket) runs via
 * {@link #call} on a dedicated thread that entered the namespace with {@code setns(CLONE_NEWNET)}; only that
 * thread is moved, and fds it creates stay bound to the namespace whichever thread uses them later.
 *
 * <p>Public (in the test-jar) so that the interop tests in other modules can build on it.
 */
public final class NetNs implements AutoCloseable {

    private static final int CLONE_NEWNET = 0x40000000;

    static {
        Native.register(NetNs.class, NativeLibrary.getInstance("c"));
    }

    private static native int setns(int fd, int nstype);

    private final String name;
    private final ExecutorService thread;

    private NetNs(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates {@code <prefix>-<8 random hex digits>} with its loopback up. */
    public static NetNs create(String prefix) throws Exception {
        byte[] rnd = new byte[4];
        new SecureRandom().nextBytes(rnd);
        NetNs ns = new NetNs(prefix + "-" + HexFormat.of().formatHex(rnd));
        run("ip", "netns", "add", ns.name);
        try {
            ns.exec("ip", "link", "set", "lo", "up");
            ns.call(() -> {
                int fd = LibC.open("/var/run/netns/" + ns.name, LibC.O_CLOEXEC);
                if (fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
                    throw new IOException("setns " + ns.name + ": " + LibC.describe(Native.getLastError()));
                }
                LibC.close(fd);
                return null;
            });
        } catch (Exception e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs {@code task} on this namespace's own thread. */
    public <T> T call(Callable<T> task) throws Exception {
        Future<T> f = thread.submit(task);
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** Runs a command inside the namespace and returns its stdout; fails with its stderr on a non-zero exit. */
    public String exec(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    /** Starts a command inside the namespace without waiting for it. */
    public Process start(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return new ProcessBuilder(full).redirectErrorStream(true).start();
    }

    /** Runs a command in the test's own namespace; stdout, or an exception with its stderr. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(err, StandardCharsets.UTF_8).strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        thread.shutdownNow();
        try {
            run("ip", "netns", "del", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting namespace " + name, e);
        }
    }
}
