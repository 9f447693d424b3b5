package dev.warren.app.testing;

import dev.warren.app.ipc.UnixSocketAcceptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code warren manager} in a child JVM (the test classpath), on a socket, store and log under a
 * directory of the test's. Killed by its own PID only.
 */
public final class ManagerProcess implements AutoCloseable {
    public final Path dir;
    public final Path socket;
    public final Path store;
    public final Path log;
    public final Path output;
    private final List<String> extraArgs;
    private String netns;
    private Path pathFirst;
    private final Map<String, String> env = new HashMap<>();
    private Process process;

    public ManagerProcess(Path dir, String... extraArgs) {
        this(dir, "manager.out", List.of(extraArgs));
    }

    /** A manager whose console output goes to {@code outputName} in {@code dir}. */
    public static ManagerProcess withOutput(Path dir, String outputName, String... extraArgs) {
        return new ManagerProcess(dir, outputName, List.of(extraArgs));
    }

    private ManagerProcess(Path dir, String outputName, List<String> extraArgs) {
        this.dir = dir;
        this.socket = dir.resolve("manager.sock");
        this.store = dir.resolve("store");
        this.log = dir.resolve("manager.log");
        this.output = dir.resolve(outputName);
        this.extraArgs = extraArgs;
    }

    /** Runs the manager inside network namespace {@code ns}, so its interfaces, routes and rules stay there. */
    public ManagerProcess inNetns(String ns) {
        this.netns = ns;
        return this;
    }

    /** Puts {@code bin} before the inherited PATH, so the manager finds fake system tools there first. */
    public ManagerProcess withPathFirst(Path bin) {
        this.pathFirst = bin;
        return this;
    }

    /** Runs the manager with this environment variable set (e.g. a PATH with stand-ins for missing OS tools). */
    public ManagerProcess withEnv(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Starts the manager and waits until it answers on its socket. */
    public ManagerProcess start() throws IOException, InterruptedException {
        launch();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!UnixSocketAcceptor.isLive(socket)) {
            if (!process.isAlive()) {
                throw new IOException("the manager exited with " + process.exitValue() + ": " + output());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the manager did not listen within 60 s: " + output());
            }
            Thread.sleep(50);
        }
        return this;
    }

    /** Starts a manager that is expected to refuse to run, and returns its exit code. */
    public int runExpectingExit() throws IOException, InterruptedException {
        launch();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the manager kept running: " + output());
        }
        return process.exitValue();
    }

    private void launch() throws IOException {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            // ip netns exec execs the command: the PID we hold is the JVM's own.
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(TestJava.command(TestJava.classpath()));
        cmd.addAll(List.of("dev.warren.app.Main", "manager", "--socket", socket.toString(), "--store", store.toString(),
                "--log", log.toString()));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        if (pathFirst != null) {
            pb.environment().merge("PATH", pathFirst.toString(), (inherited, first) -> first + ":" + inherited);
        }
        pb.environment().putAll(env);
        process = pb.start();
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** SIGTERM, and wait for a clean exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the manager did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
