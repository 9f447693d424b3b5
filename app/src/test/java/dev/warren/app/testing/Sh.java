package dev.warren.app.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a system command for a test and returns its output; a non-zero exit is an error with the output. */
public final class Sh {
    private Sh() {
    }

    public static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }

    /** Like {@link #run} but never throws: for cleanup, where one failure must not stop the rest. */
    public static void quietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException | InterruptedException e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }

    /** {@code ip netns exec NS cmd...}. */
    public static String in(String netns, String... cmd) throws IOException, InterruptedException {
        String[] all = new String[cmd.length + 4];
        all[0] = "ip";
        all[1] = "netns";
        all[2] = "exec";
        all[3] = netns;
        System.arraycopy(cmd, 0, all, 4, cmd.length);
        return run(all);
    }

    public static List<String> lines(String out) {
        return out.lines().toList();
    }
}
