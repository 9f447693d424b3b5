package dev.warren.bridge;

import dev.warren.bridge.linux.LinuxBind;
import dev.warren.bridge.linux.LinuxPlatform;
import dev.warren.bridge.windows.WindowsPlatform;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformTest {

    @Test
    void linuxIsSelectedByOsName() {
        Platform p = Platform.forOsName("Linux");
        assertInstanceOf(LinuxPlatform.class, p);
        assertInstanceOf(LinuxBind.class, p.createBind());
        assertTrue(p.routesByFwmark(), "wg-quick's fwmark and policy rules");
    }

    @Test
    void windowsIsSelectedByOsNameWithoutLoadingAnythingNative() {
        assertInstanceOf(WindowsPlatform.class, Platform.forOsName("Windows 11"));
        assertInstanceOf(WindowsPlatform.class, Platform.forOsName("Windows Server 2022"));
        assertFalse(Platform.forOsName("Windows 11").routesByFwmark(), "the bind is pinned to the uplink instead");
    }

    @Test
    void otherSystemsGetAClearMessage() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> Platform.forOsName("Mac OS X"));
        assertTrue(e.getMessage().contains("Linux and Windows") && e.getMessage().contains("'Mac OS X'"),
                e.getMessage());
    }
}
