package dev.warren.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.demo.DemoState.Role;
import dev.warren.core.config.IpNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStateTest {

    @TempDir
    Path dir;

    @Test
    void everyStepSurvivesAWriteAndARead() {
        DemoPlan plan = new DemoPlan("demo", "warren-demo", IpNetwork.parse("10.217.0.8/29"));
        DemoState s = DemoState.planned(plan, Path.of("/run/warren/manager.sock"))
                .withProcess(Role.PEER, new StartedProcess("wireguard-go", 4242, 1_795_630_483_030L))
                .withProcess(Role.XVFB, new StartedProcess("Xvfb", 4343, 1_795_630_484_540L))
                .withTunnelCreated()
                .withDisplay(":3");
        s.write(dir.resolve("state"));
        DemoState back = DemoState.read(dir.resolve("state")).orElseThrow();
        assertEquals(s, back);
        assertEquals(plan, back.plan());
        assertTrue(back.tunnelCreated());
        assertEquals(4242, back.process(Role.PEER).orElseThrow().pid());
        assertFalse(back.process(Role.MANAGER).isPresent(), "a manager the demo did not start is not recorded");
    }

    @Test
    void noFileIsNoDemoAndABrokenOneSaysWhatToDo() throws Exception {
        assertTrue(DemoState.read(dir).isEmpty());
        Files.writeString(dir.resolve(DemoState.FILE_NAME), "{ not json");
        DemoException e = assertThrows(DemoException.class, () -> DemoState.read(dir));
        assertTrue(e.getMessage().contains("ip netns del"), e.getMessage());
    }
}
