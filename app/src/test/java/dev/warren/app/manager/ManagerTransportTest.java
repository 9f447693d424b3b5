package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.warren.bridge.Platform;
import org.junit.jupiter.api.Test;

class ManagerTransportTest {

    @Test
    void linuxServesTheUnixSocketAndWindowsTheNamedPipe() {
        assertSame(ManagerTransport.UNIX_SOCKET, ManagerTransport.forPlatform(Platform.forOsName("Linux")));
        assertNotSame(ManagerTransport.UNIX_SOCKET, ManagerTransport.forPlatform(Platform.forOsName("Windows 11")),
                "the pipe (opening it needs Windows; NamedPipeTransportTest serves it over the recording fakes)");
    }
}
