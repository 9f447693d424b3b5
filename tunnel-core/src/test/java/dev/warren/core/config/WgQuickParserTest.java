package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WgQuickParserTest {

    static final Key PRIV = Key.fromBase64(Key.Kind.PRIVATE, "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=");
    static final String PUB1 = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
    static final String PUB2 = "TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0=";
    static final String PSK = "FpCyhws9cxwWoV4xELtfJvjJN+zQVRPISllRWgeopVE=";

    static TunnelConfig valid(String text) {
        ParseResult r = WgQuickParser.parse("t.conf", text);
        return assertInstanceOf(ParseResult.Valid.class, r, () -> r.errors().toString()).config();
    }

    static List<ConfigError> invalid(String text) {
        ParseResult r = WgQuickParser.parse("t.conf", text);
        return assertInstanceOf(ParseResult.Invalid.class, r).errors();
    }

    @Test
    void parsesEveryKey() {
        TunnelConfig c = valid("""
                [Interface]
                PrivateKey = %s
                ListenPort = 51820
                FwMark = 0x1234
                Address = 10.0.0.2/24, fd00::2/64
                Address = 10.1.0.2
                DNS = 10.0.0.1, fd00::1, corp.example.com
                DNS = lan
                MTU = 1420
                Table = 1234
                PreUp = echo pre up
                PostUp = iptables -A FORWARD -i %%i -j ACCEPT; echo a,b
                PostUp = echo second
                PreDown = echo pre down
                PostDown = echo post down
                SaveConfig = true

                [Peer]
                PublicKey = %s
                PresharedKey = %s
                AllowedIPs = 10.0.0.1/24, ::/0
                Endpoint = vpn.example.com:51820
                PersistentKeepalive = 25
                """.formatted(PRIV.toBase64(), PUB1, PSK));
        InterfaceConfig i = c.interfaceConfig();
        assertEquals(PRIV, i.privateKey());
        assertEquals(OptionalInt.of(51820), i.listenPort());
        assertEquals(OptionalLong.of(0x1234), i.fwMark());
        assertEquals(List.of(IpNetwork.parse("10.0.0.2/24"), IpNetwork.parse("fd00::2/64"), IpNetwork.parse("10.1.0.2/32")),
                i.addresses());
        assertEquals(List.of(IpNetwork.parseLiteral("10.0.0.1"), IpNetwork.parseLiteral("fd00::1")), i.dnsServers());
        assertEquals(List.of("corp.example.com", "lan"), i.dnsSearchDomains());
        assertEquals(OptionalInt.of(1420), i.mtu());
        assertEquals(RoutingTable.numbered(1234), i.table());
        assertEquals(List.of("echo pre up"), i.preUp());
        assertEquals(List.of("iptables -A FORWARD -i %i -j ACCEPT; echo a,b", "echo second"), i.postUp());
        assertEquals(List.of("echo pre down"), i.preDown());
        assertEquals(List.of("echo post down"), i.postDown());
        assertTrue(i.saveConfig());
        PeerConfig p = c.peers().getFirst();
        assertEquals(PUB1, p.publicKey().toBase64());
        assertEquals(Optional.of(Key.fromBase64(Key.Kind.PRESHARED, PSK)), p.presharedKey());
        assertEquals(List.of(IpNetwork.parse("10.0.0.0/24"), IpNetwork.parse("::/0")), p.allowedIps());
        assertEquals(Optional.of(new Endpoint("vpn.example.com", 51820)), p.endpoint());
        assertEquals(25, p.persistentKeepalive());
    }

    @Test
    void keysAndSectionsAreCaseInsensitiveAndWhitespaceTolerant() {
        TunnelConfig c = valid("  [ interface ]  # the interface\n\tprivatekey=" + PRIV.toBase64()
                + "   \n  LISTENPORT   =   1  # port\n[PEER]\npublickey\t=\t" + PUB1 + "\nallowedips=0.0.0.0/0\n");
        assertEquals(OptionalInt.of(1), c.interfaceConfig().listenPort());
        assertEquals(1, c.peers().size());
    }

    @Test
    void offValuesMeanAbsent() {
        TunnelConfig c = valid("[Interface]\nPrivateKey = " + PRIV.toBase64()
                + "\nFwMark = off\nTable = off\nMTU = auto\n[Peer]\nPublicKey = " + PUB1 + "\nPersistentKeepalive = off\n");
        assertEquals(OptionalLong.empty(), c.interfaceConfig().fwMark());
        assertEquals(RoutingTable.OFF, c.interfaceConfig().table());
        assertEquals(OptionalInt.empty(), c.interfaceConfig().mtu());
        assertEquals(0, c.peers().getFirst().persistentKeepalive());
    }

    @Test
    void decodesUtf16AndBoms() {
        String text = "[Interface]\r\nPrivateKey = " + PRIV.toBase64() + "\r\n# é comment\r\n";
        TunnelConfig expected = valid(text);
        byte[][] encodings = {
            text.getBytes(StandardCharsets.UTF_8),
            concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8)),
            concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE)),
            concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE)),
            text.getBytes(StandardCharsets.UTF_16LE),
            text.getBytes(StandardCharsets.UTF_16BE),
        };
        for (byte[] bytes : encodings) {
            ParseResult r = WgQuickParser.parse("t.conf", bytes);
            assertEquals(expected, assertInstanceOf(ParseResult.Valid.class, r, () -> r.errors().toString()).config());
        }
    }

    @Test
    void invalidUtf8IsAnErrorAtItsPlace() {
        byte[] head = ("[Interface]\nPrivateKey = " + PRIV.toBase64() + "\n# caf").getBytes(StandardCharsets.UTF_8);
        ParseResult r = WgQuickParser.parse("t.conf", concat(head, new byte[] {(byte) 0xC3, '\n'}));
        ConfigError e = assertInstanceOf(ParseResult.Invalid.class, r).errors().getFirst();
        assertEquals(3, e.line());
        assertEquals(6, e.column());
        assertTrue(e.reason().contains("UTF-8"), e.reason());
    }

    @Test
    void collectsAllErrorsInFileOrder() {
        List<ConfigError> errors = invalid("""
                [Interface]
                PrivateKey = %s
                ListenPort = 70000
                MTU = 100
                Adress = 10.0.0.1/24
                [Peer]
                AllowedIPs = 10.0.0.0/33
                """.formatted(PRIV.toBase64()));
        assertEquals(List.of("3:14", "4:7", "5:1", "6:1", "7:23"),
                errors.stream().map(e -> e.line() + ":" + e.column()).toList(), errors.toString());
        assertEquals(Optional.of("Address"), errors.get(2).suggestion());
        assertEquals("t.conf:5:1: error: unknown key 'Adress' in [Interface]; did you mean 'Address'?",
                errors.get(2).format());
    }

    @Test
    void badPrivateKeyIsNeverEchoed() {
        String almostKey = PRIV.toBase64().substring(0, 42) + "!=";
        List<ConfigError> errors = invalid("[Interface]\nPrivateKey = " + almostKey + "\n");
        assertEquals(1, errors.size());
        assertFalse(errors.getFirst().format().contains(almostKey.substring(0, 20)), errors.getFirst().format());
        assertEquals("t.conf:2:14: error: 'PrivateKey' is not a valid key: a key is 44 base64 characters "
                + "(A-Z, a-z, 0-9, '+', '/') ending in '='", errors.getFirst().format());
    }

    @Test
    void keyMaterialIsNeverRepeatedWhereverItLands() {
        String k = PRIV.toBase64();
        String damaged = k.substring(0, 20) + "#" + k.substring(21);
        String head = "[Interface]\nPrivateKey = " + Key.generatePrivate().toBase64() + "\n";
        List<String> inputs = List.of(
                head + k + "\n",
                head + "PrivateKey " + k + "\n",
                "[Interface]\nPrivateKey = " + damaged + "\n",
                "[Interface]\nPrivateKey = " + k.substring(0, 30) + "\n",
                head + "DNS = " + k + "\n",
                head + "DNS = " + k.substring(0, 16) + "\n",
                head + "Address = " + k.substring(3, 20) + "\n",
                head + "ListenPort = " + k.substring(0, 14) + "\n",
                head + "[" + k + "]\n",
                head + k.substring(0, 13) + " = 1\n",
                head + "[Peer]\nPublicKey = " + PUB1 + "\nEndpoint = " + k.substring(0, 20) + ":1\n",
                head + "[Peer]\nPublicKey = " + PUB1 + "\nPresharedKey = " + k.substring(1) + "\n");
        for (String input : inputs) {
            List<ConfigError> errors = invalid(input);
            for (ConfigError e : errors) {
                String text = e.format() + e.section() + e.key() + e.suggestion();
                for (int i = 0; i + Texts.MAX_BASE64_RUN <= k.length(); i++) {
                    assertFalse(text.contains(k.substring(i, i + Texts.MAX_BASE64_RUN)), text);
                }
            }
        }
    }

    @Test
    void undecodableBytesAreReportedOncePerLine() {
        byte[] bad = {(byte) 0xFF, (byte) 0xC3, '(', (byte) 0x80};
        byte[] text = concat(concat("[Interface]\n# ".getBytes(StandardCharsets.UTF_8), bad),
                concat("\n# ".getBytes(StandardCharsets.UTF_8), bad));
        List<ConfigError> errors = WgQuickParser.parse("t.conf", text).errors().stream()
                .filter(e -> e.reason().contains("UTF-8")).toList();
        assertEquals(List.of("2:3", "3:3"), errors.stream().map(e -> e.line() + ":" + e.column()).toList());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
