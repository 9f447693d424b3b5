package dev.warren.core.config;

import static dev.warren.core.config.WgQuickParserTest.PRIV;
import static dev.warren.core.config.WgQuickParserTest.PSK;
import static dev.warren.core.config.WgQuickParserTest.PUB1;
import static dev.warren.core.config.WgQuickParserTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The records refuse what the parser refuses, so a config built in code can always be written and read back. */
class ConfigModelTest {

    private static final Key PUB = Key.fromBase64(Key.Kind.PUBLIC, PUB1);

    @Test
    void interfaceRefusesValuesOutOfRange() {
        InterfaceConfig.Builder b = InterfaceConfig.builder(PRIV);
        assertThrows(IllegalArgumentException.class, () -> b.listenPort(65536).build());
        assertThrows(IllegalArgumentException.class, () -> InterfaceConfig.builder(PRIV).mtu(575).build());
        assertThrows(IllegalArgumentException.class, () -> InterfaceConfig.builder(PRIV).mtu(65536).build());
        assertThrows(IllegalArgumentException.class,
                () -> InterfaceConfig.builder(PRIV).fwMark(OptionalLong.of(0x1_0000_0000L)).build());
        assertThrows(IllegalArgumentException.class, () -> InterfaceConfig.builder(PUB).build());
        assertThrows(IllegalArgumentException.class, () -> InterfaceConfig.builder(null).build());
        assertThrows(IllegalArgumentException.class,
                () -> InterfaceConfig.builder(PRIV).dnsSearchDomains(List.of("bad domain")).build());
    }

    @Test
    void scriptsThatCouldNotBeWrittenBackAreRefused() {
        for (String script : List.of("echo a # comment", "echo a\necho b", " ", "echo \u0000")) {
            assertThrows(IllegalArgumentException.class,
                    () -> InterfaceConfig.builder(PRIV).postUp(List.of(script)).build(), script);
        }
    }

    @Test
    void fwMarkZeroIsOff() {
        assertEquals(OptionalLong.empty(), InterfaceConfig.builder(PRIV).fwMark(OptionalLong.of(0)).build().fwMark());
    }

    @Test
    void peerMasksAllowedIpsAndChecksKeyKinds() {
        PeerConfig p = PeerConfig.builder(PUB).allowedIps(List.of(IpNetwork.parse("10.1.2.3/16"))).build();
        assertEquals(List.of(IpNetwork.parse("10.1.0.0/16")), p.allowedIps());
        assertThrows(IllegalArgumentException.class, () -> PeerConfig.builder(PRIV).build());
        assertThrows(IllegalArgumentException.class,
                () -> PeerConfig.builder(PUB).presharedKey(Optional.of(PUB)).build());
        assertThrows(IllegalArgumentException.class, () -> PeerConfig.builder(PUB).persistentKeepalive(65536).build());
        assertThrows(IllegalArgumentException.class, () -> PeerConfig.builder(PUB).persistentKeepalive(-1).build());
    }

    @Test
    void tunnelRefusesTwoPeersWithOneKey() {
        PeerConfig p = PeerConfig.builder(PUB).build();
        InterfaceConfig i = InterfaceConfig.builder(PRIV).build();
        assertThrows(IllegalArgumentException.class, () -> TunnelConfig.of(i, List.of(p, p)));
    }

    @Test
    void equalityIsBySemanticContentNotLayout() {
        String text = "[Interface]\nPrivateKey = " + PRIV.toBase64() + "\n# comment\nListenPort = 1\nTable = auto\n";
        TunnelConfig parsed = valid(text);
        TunnelConfig other = valid("[interface]\nlistenport=1\nprivatekey=" + PRIV.toBase64() + "\n");
        TunnelConfig built = TunnelConfig.of(InterfaceConfig.builder(PRIV).listenPort(OptionalInt.of(1)).build(), List.of());
        assertEquals(parsed, other);
        assertEquals(parsed, built);
        assertEquals(parsed.hashCode(), built.hashCode());
        assertTrue(parsed.layout().isPresent());
        assertFalse(built.layout().isPresent());
        assertNotEquals(parsed, valid(text.replace("ListenPort = 1", "ListenPort = 2")));
    }

    @Test
    void toStringNeverShowsSecrets() {
        TunnelConfig c = valid("[Interface]\nPrivateKey = " + PRIV.toBase64() + "\n[Peer]\nPublicKey = " + PUB1
                + "\nPresharedKey = " + PSK + "\n");
        String s = c + " " + c.layout().orElseThrow() + " " + c.interfaceConfig() + " " + c.peers();
        assertFalse(s.contains(PRIV.toBase64()), s);
        assertFalse(s.contains(PSK), s);
        assertTrue(s.contains(PUB1), "public keys are printed");
    }

    @Test
    void routingTables() {
        assertEquals(RoutingTable.OFF, RoutingTable.parse("OFF"));
        assertEquals(RoutingTable.MAIN, RoutingTable.parse("main"));
        assertEquals(RoutingTable.numbered(4294967295L), RoutingTable.parse("4294967295"));
        for (String bad : List.of("0", "4294967296", "-1", "vpn", "", "12345678901")) {
            assertThrows(IllegalArgumentException.class, () -> RoutingTable.parse(bad), bad);
        }
    }

    @Test
    void suggestionsCatchTyposButNotUnrelatedWords() {
        List<String> keys = List.of("PublicKey", "PresharedKey", "AllowedIPs", "Endpoint", "PersistentKeepalive");
        assertEquals("PublicKey", Suggestions.closest("PublicKye", keys));
        assertEquals("PublicKey", Suggestions.closest("public key", keys));
        assertEquals("AllowedIPs", Suggestions.closest("AllowedIP", keys));
        assertEquals("PersistentKeepalive", Suggestions.closest("PersistentKeepAlives", keys));
        assertEquals(null, Suggestions.closest("Obfuscation", keys));
        assertEquals(1, Suggestions.distance("ab", "ba"));
    }
}
