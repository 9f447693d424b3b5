package dev.warren.app.ui.testing;

import dev.warren.app.testing.Sh;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An empty network namespace (loopback only) with a unique name, for a manager whose tunnels a test may start:
 * whatever they create stays inside it, never in the machine's own namespace. Removed by {@link #close()}.
 */
public final class PrivateNetns implements AutoCloseable {

    public final String name;

    public PrivateNetns(String prefix) throws Exception {
        name = prefix + "-" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
        Sh.run("ip", "netns", "add", name);
        try {
            Sh.in(name, "ip", "link", "set", "lo", "up");
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        Sh.quietly("ip", "netns", "del", name);
    }
}
