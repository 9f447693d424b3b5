package dev.warren.bridge.killswitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.ConfigError;
import dev.warren.core.config.Key;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.WgQuickParser;
import org.junit.jupiter.api.Test;

class KillSwitchSettingTest {

    private static final String PRIV = Key.generatePrivate().toBase64();
    private static final String PUB = Key.generatePrivate().publicKey().toBase64();
    private static final String PUB2 = Key.generatePrivate().publicKey().toBase64();

    private static String conf(String interfaceExtra, String allowedIps) {
        return "[Interface]\n" + interfaceExtra + "PrivateKey = " + PRIV + "\nAddress = 10.0.0.2/32\n\n[Peer]\nPublicKey = "
                + PUB + "\nAllowedIPs = " + allowedIps + "\nEndpoint = 203.0.113.1:51820\n";
    }

    private static TunnelConfig parse(String text) {
        return ((ParseResult.Valid) WgQuickParser.parse("t.conf", text)).config();
    }

    private static KillSwitchSetting read(String text) {
        return KillSwitchSetting.read(text, parse(text));
    }

    @Test
    void withoutDirectiveFollowsWireGuardForWindows() {
        assertEquals(new KillSwitchSetting(true, false), read(conf("", "0.0.0.0/0")));
        assertEquals(new KillSwitchSetting(true, false), read(conf("", "::/0, 10.0.0.0/8")));
        assertEquals(new KillSwitchSetting(false, false), read(conf("", "0.0.0.0/1, 128.0.0.0/1")));
        assertEquals(new KillSwitchSetting(false, false), read(conf("", "0.0.0.0/1, 128.0.0.0/1, ::/1, 8000::/1")));
        assertEquals(new KillSwitchSetting(false, false), read(conf("Table = off\n", "0.0.0.0/0")));
        String twoPeers = conf("", "0.0.0.0/0") + "\n[Peer]\nPublicKey = " + PUB2 + "\nAllowedIPs = 10.1.0.0/16\n";
        assertEquals(new KillSwitchSetting(false, false), read(twoPeers));
    }

    @Test
    void directivesOverrideTheDefault() {
        assertEquals(new KillSwitchSetting(false, false),
                read(conf("# Warren: BlockUntunneledTraffic = false\n", "0.0.0.0/0")));
        assertEquals(new KillSwitchSetting(true, true), read(conf(
                "#Warren:blockuntunneledtraffic=TRUE\n  #  warren : AllowLocalNetwork =  true  \n", "10.0.0.0/8")));
    }

    @Test
    void theFileStaysAValidWgQuickFileAndOtherCommentsAreNotDirectives() {
        String text = conf("# Warren: BlockUntunneledTraffic = true\n# Warren keeps this tunnel\n", "10.0.0.0/8");
        assertTrue(WgQuickParser.parse("t.conf", text) instanceof ParseResult.Valid);
        assertEquals(new KillSwitchSetting(true, false), read(text));
    }

    @Test
    void badDirectivesNameTheirLineAndWhatIsAllowed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> read(conf("\n# Warren: BlockUntunneledTraffic = maybe\n", "0.0.0.0/0")));
        assertEquals("line 3: '# Warren: BlockUntunneledTraffic' is true or false, not 'maybe'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(conf("# Warren: BlockDns = true\n", "0.0.0.0/0")));
        assertEquals("line 2: '# Warren: BlockDns' is not a Warren setting; the settings are BlockUntunneledTraffic "
                + "and AllowLocalNetwork", e.getMessage());
    }

    @Test
    void aBadDirectiveMakesTheParseResultInvalidAtItsLine() {
        String bad = conf("\n# Warren: BlockUntunneledTraffic = maybe\n", "0.0.0.0/0");
        ParseResult r = KillSwitchSetting.check("t.conf", bad, WgQuickParser.parse("t.conf", bad));
        ConfigError e = r.errors().getFirst();
        assertEquals(1, r.errors().size());
        assertEquals("t.conf:3:1: error: '# Warren: BlockUntunneledTraffic' is true or false, not 'maybe'", e.format());
        assertEquals("# Warren: BlockUntunneledTraffic = maybe".length(), e.length(), "the whole directive is underlined");

        String good = conf("# Warren: BlockUntunneledTraffic = false\n", "0.0.0.0/0");
        ParseResult valid = WgQuickParser.parse("t.conf", good);
        assertEquals(valid, KillSwitchSetting.check("t.conf", good, valid));
        ParseResult broken = WgQuickParser.parse("t.conf", "[Interface]\nPrivateKey = nope\n# Warren: X = 1\n");
        assertEquals(broken, KillSwitchSetting.check("t.conf", "[Interface]\nPrivateKey = nope\n# Warren: X = 1\n", broken),
                "the parser's own errors come first");
    }

    @Test
    void writingInsertsAfterTheInterfaceHeaderAndRoundTrips() {
        String text = conf("", "0.0.0.0/0");
        String on = new KillSwitchSetting(true, true).writeTo(text);
        assertEquals(text.replace("[Interface]\n", "[Interface]\n# Warren: BlockUntunneledTraffic = true\n"
                + "# Warren: AllowLocalNetwork = true\n"), on);
        assertEquals(new KillSwitchSetting(true, true), read(on));
        String off = new KillSwitchSetting(false, true).writeTo(on);
        assertEquals(on.replace("BlockUntunneledTraffic = true", "BlockUntunneledTraffic = false"), off);
        assertEquals(new KillSwitchSetting(false, true), read(off));
        assertEquals(on, new KillSwitchSetting(true, true).writeTo(on));
    }

    @Test
    void writingKeepsTheUsersSpellingAndLineEndings() {
        String text = conf("#warren:allowlocalnetwork=true \n", "0.0.0.0/0").replace("\n", "\r\n");
        String written = new KillSwitchSetting(false, false).writeTo(text);
        assertEquals(text.replace("[Interface]\r\n#warren:allowlocalnetwork=true \r\n",
                "[Interface]\r\n# Warren: BlockUntunneledTraffic = false\r\n#warren:allowlocalnetwork=false \r\n"), written);
        assertEquals(new KillSwitchSetting(false, false), read(written));
    }

    @Test
    void aMissingAllowLocalNetworkGoesUnderTheBlockDirectiveWhereverThatIs() {
        String text = conf("", "10.0.0.0/8").replace("Address = 10.0.0.2/32\n",
                "Address = 10.0.0.2/32\n# Warren: BlockUntunneledTraffic = true\n");
        assertEquals(text.replace("BlockUntunneledTraffic = true\n",
                "BlockUntunneledTraffic = true\n# Warren: AllowLocalNetwork = true\n"),
                new KillSwitchSetting(true, true).writeTo(text));
        String last = "[Interface]\nPrivateKey = " + PRIV + "\n# Warren: BlockUntunneledTraffic = true";
        assertEquals(last + "\n# Warren: AllowLocalNetwork = true\n", KillSwitchSetting.writeAllowLocalNetwork(last, true));
    }

    @Test
    void allowLocalNetworkAloneLeavesBlockingToTheDefault() {
        String text = conf("", "0.0.0.0/0");
        String allowed = KillSwitchSetting.writeAllowLocalNetwork(text, true);
        assertEquals(text.replace("[Interface]\n", "[Interface]\n# Warren: AllowLocalNetwork = true\n"), allowed);
        assertEquals(new KillSwitchSetting(true, true), read(allowed));
        assertEquals(allowed.replace("= true", "= false"), KillSwitchSetting.writeAllowLocalNetwork(allowed, false));
    }

    @Test
    void droppingTheBlockDirectiveKeepsEverythingElse() {
        String text = conf("# Warren: BlockUntunneledTraffic = false\r\n#warren:allowlocalnetwork=true\n", "0.0.0.0/0");
        String dropped = KillSwitchSetting.withoutBlockDirective(text);
        assertEquals(text.replace("# Warren: BlockUntunneledTraffic = false\r\n", ""), dropped);
        assertEquals(new KillSwitchSetting(true, true), read(dropped));
        assertEquals(dropped, KillSwitchSetting.withoutBlockDirective(dropped));
    }

    @Test
    void allowLocalNetworkIsOnlyWrittenWhenOnOrAlreadyThere() {
        String written = new KillSwitchSetting(true, false).writeTo(conf("", "10.0.0.0/8"));
        assertTrue(written.contains("BlockUntunneledTraffic = true"));
        assertFalse(written.contains("AllowLocalNetwork"));
    }

    @Test
    void describesItselfForShowAndTheGui() {
        assertEquals("off", new KillSwitchSetting(false, true).describe());
        assertEquals("on", new KillSwitchSetting(true, false).describe());
        assertEquals("on, local network allowed", new KillSwitchSetting(true, true).describe());
    }
}
