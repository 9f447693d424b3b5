package dev.warren.bridge.watch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A D-Bus daemon of the test's own (there is no system bus in a container, and the real one must not be
 * disturbed), on which the test plays logind by sending {@code PrepareForSleep} with {@code dbus-send}.
 */
final class PrivateBus implements AutoCloseable {

    private final Process daemon;
    private final String address;

    private PrivateBus(Process daemon, String address) {
        this.daemon = daemon;
        this.address = address;
    }

    static PrivateBus start() throws IOException {
        Process p = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String address = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (address == null || address.isBlank()) {
            p.destroy();
            throw new IOException("dbus-daemon printed no address");
        }
        return new PrivateBus(p, address.strip());
    }

    /** dbus-monitor's option for this bus. */
    List<String> monitorOption() {
        return List.of("--address", address);
    }

    /** What logind sends before sleeping ({@code true}) and after waking ({@code false}). */
    void prepareForSleep(boolean sleeping) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dbus-send", "--bus=" + address, "--type=signal", "/org/freedesktop/login1",
                "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:" + sleeping).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("dbus-send failed");
        }
    }

    @Override
    public void close() {
        daemon.destroy();
        try {
            daemon.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
