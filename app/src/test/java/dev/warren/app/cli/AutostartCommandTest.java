package dev.warren.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.app.testing.Cli;
import dev.warren.app.testing.Configs;
import dev.warren.app.testing.ManagerProcess;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warren autostart} against a real manager process: the mark is stored and listed; errors say which tunnel or value. */
class AutostartCommandTest {

    @TempDir
    Path dir;

    @Test
    void marksAndUnmarksATunnelToStartAtBoot() throws Exception {
        try (ManagerProcess manager = new ManagerProcess(dir).start()) {
            try (ManagerClient admin = ManagerClient.connect(manager.socket)) {
                ManagerClient.await(admin.createTunnel("office", Configs.tunnel("10.151.0.2/24", "10.151.0.0/24")));
            }
            Cli.Result on = Cli.run(manager.socket, "autostart", "office", "on");
            assertEquals(0, on.exit(), on.toString());
            assertEquals("office: starts at boot\n", on.out());
            assertTrue(bootStart(manager), "the manager keeps the mark");
            Cli.Result list = Cli.run(manager.socket, "list");
            assertTrue(list.out().lines().anyMatch(l -> l.matches("office\\s+inactive\\s+yes\\s+.*")), list.toString());

            Cli.Result off = Cli.run(manager.socket, "autostart", "office", "OFF");
            assertEquals(0, off.exit(), off.toString());
            assertEquals("office: does not start at boot\n", off.out());
            assertEquals(false, bootStart(manager));

            Cli.Result missing = Cli.run(manager.socket, "autostart", "nowhere", "on");
            assertEquals(1, missing.exit(), missing.toString());
            assertTrue(missing.err().startsWith("warren autostart: ") && missing.err().contains("nowhere"), missing.toString());

            Cli.Result bad = Cli.run(manager.socket, "autostart", "office", "maybe");
            assertEquals(2, bad.exit(), bad.toString());
            assertTrue(bad.err().contains("maybe"), bad.toString());
        }
    }

    private static boolean bootStart(ManagerProcess manager) {
        try (ManagerClient c = ManagerClient.connect(manager.socket)) {
            return ManagerClient.await(c.listTunnels()).stream().filter(t -> t.name().equals("office"))
                    .anyMatch(TunnelSummary::bootStart);
        }
    }
}
