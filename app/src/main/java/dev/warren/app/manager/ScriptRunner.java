package dev.warren.app.manager;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tunnel's PreUp/PostUp/PreDown/PostDown commands as wg-quick does: each through {@code bash -c} with
 * {@code %i} replaced by the interface name, in order, output going to the tunnel's log. Only reached when the
 * manager allows scripts ({@link ScriptGate}).
 */
final class ScriptRunner {
    static final long TIMEOUT_SECONDS = 120;

    private ScriptRunner() {
    }

    static void run(String phase, List<String> commands, String interfaceName, TunnelEvents events)
            throws TunnelException {
        for (String command : commands) {
            String expanded = command.replace("%i", interfaceName);
            events.log(phase + ": " + expanded);
            try {
                Process p = new ProcessBuilder("/bin/bash", "-c", expanded).redirectErrorStream(true).start();
                p.getOutputStream().close();
                try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        events.log(phase + " output: " + line);
                    }
                }
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new TunnelException(phase + " command did not finish within " + TIMEOUT_SECONDS + " s: " + expanded);
                }
                if (p.exitValue() != 0) {
                    throw new TunnelException(phase + " command failed with exit status " + p.exitValue() + ": " + expanded);
                }
            } catch (IOException e) {
                throw new TunnelException(phase + " command could not run: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TunnelException(phase + " command was interrupted: " + expanded, e);
            }
        }
    }
}
