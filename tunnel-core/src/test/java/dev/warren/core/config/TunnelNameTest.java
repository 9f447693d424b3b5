package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunnelNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"wg0", "office-vpn", "a", "mullvad-se4_wg", "x=+.-_", "COM10", "CONSOLE", "lpt0",
        "abcdefghijklmnopqrstuvwxyz012345"})
    void accepts(String name) {
        assertNull(TunnelName.problem(name));
        assertEquals(name, new TunnelName(name).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my vpn", "a/b", "tëst", "a:b", "abcdefghijklmnopqrstuvwxyz0123456", ".", "..",
        "CON", "con", "Nul", "aux.conf", "PRN.x", "com1", "COM9", "LPT1", "lpt9.backup"})
    void refuses(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TunnelName(name));
        assertEquals(TunnelName.problem(name), e.getMessage());
    }

    @Test
    void interfaceNameLimitIsSeparate() {
        TunnelName fifteen = new TunnelName("abcdefghijklmno");
        TunnelName sixteen = new TunnelName("abcdefghijklmnop");
        assertTrue(fifteen.fitsInterfaceName());
        assertEquals("abcdefghijklmno", fifteen.requireInterfaceName());
        assertFalse(sixteen.fitsInterfaceName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sixteen::requireInterfaceName);
        assertTrue(e.getMessage().contains("at most 15"), e.getMessage());
    }

    @Test
    void fileNames() {
        assertEquals(new TunnelName("wg0"), TunnelName.fromFileName("wg0.conf"));
        assertEquals("wg0.conf", new TunnelName("wg0").fileName());
        assertThrows(IllegalArgumentException.class, () -> TunnelName.fromFileName("wg0.txt"));
        assertThrows(IllegalArgumentException.class, () -> TunnelName.fromFileName(".conf"));
        assertThrows(IllegalArgumentException.class, () -> TunnelName.fromFileName("con.conf"));
    }
}
