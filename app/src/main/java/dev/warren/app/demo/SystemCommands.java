package dev.warren.app.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the system's networking tools (ip, wg) for the demo, turning a failure into one clear sentence. */
public final class SystemCommands {

    private static final long TIMEOUT_SECONDS = 30;

    /** Runs {@code command}; its output, or a {@link DemoException} naming the command and what it printed. */
    public String run(String... command) {
        return runWithInput(null, command);
    }

    /** Runs {@code command} with {@code input} on its standard input (keys, never on a command line). */
    public String runWithInput(String input, String... command) {
        Result r = attempt(input, command);
        if (r.exit != 0) {
            throw new DemoException("`" + String.join(" ", command) + "` failed (exit " + r.exit + ")"
                    + (r.output.isBlank() ? "" : ": " + r.output.strip()));
        }
        return r.output;
    }

    /** Runs {@code command} inside network namespace {@code netns}. */
    public String in(String netns, String... command) {
        return run(inNetns(netns, command));
    }

    /** True when {@code command} exits with 0; its output is dropped (checks, cleanup). */
    public boolean succeeds(String... command) {
        return attempt(null, command).exit == 0;
    }

    /** {@code ip netns exec NETNS command...}: it execs, so a process started this way has the command's PID. */
    public static String[] inNetns(String netns, String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    /** The demo changes the network and starts a service: only root may. */
    public static void requireRoot() {
        try {
            if (!Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"))) {
                throw new DemoException("the demo creates a network namespace and starts the manager: run it as root "
                        + "(sudo warren demo)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new DemoException("the demo runs on Linux only (it needs /proc and network namespaces)", e);
        }
    }

    /** Whether {@code program} is on the PATH, as the shell would find it. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private record Result(int exit, String output) {
    }

    private static Result attempt(String input, String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            // Read while it runs, so a chatty command never blocks on a full pipe.
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DemoException("`" + String.join(" ", command) + "` did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), output.join());
        } catch (IOException e) {
            throw new DemoException("could not run `" + command[0] + "`: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while running `" + command[0] + "`", e);
        }
    }
}
