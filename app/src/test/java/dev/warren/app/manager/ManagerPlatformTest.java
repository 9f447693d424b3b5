package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warren.bridge.Platform;
import org.junit.jupiter.api.Test;

class ManagerPlatformTest {

    @Test
    void linuxServesTheUnixSocketWithPlainFilesAndWindowsHasItsOwn() {
        assertSame(ManagerPlatform.LINUX, ManagerPlatform.of(Platform.forOsName("Linux")));
        assertNotSame(ManagerPlatform.LINUX, ManagerPlatform.of(Platform.forOsName("Windows 11")),
                "the pipe and DPAPI (opening them needs Windows; NamedPipeTransportTest and DpapiTunnelFilesTest "
                        + "drive them over the recording fakes)");
    }
}
