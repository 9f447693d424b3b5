package dev.warren.app.ui.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.warren.bridge.killswitch.KillSwitchSetting;
import dev.warren.core.config.Key;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.WgQuickParser;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The /0 ↔ /1 swap against WireGuard for Windows' rules (ui/editdialog.go), and that the manager reads each
 * result the way WireGuard for Windows would: blocking with a /0, not with the halves.
 */
class FullTunnelRoutesTest {

    private static final String HEAD = "[Interface]\nPrivateKey = " + Key.generatePrivate().toBase64() + "\n";
    private static final String PEER = "[Peer]\nPublicKey = " + Key.generatePrivate().publicKey().toBase64() + "\n";

    private static TunnelConfig parse(String text) {
        return ((ParseResult.Valid) WgQuickParser.parse("t.conf", text)).config();
    }

    private static boolean managerBlocks(String text) {
        return KillSwitchSetting.read(text, parse(text)).blockUntunneledTraffic();
    }

    @Test
    void offeredForOnePeerRoutingEverythingEitherWay() {
        assertEquals(Optional.of(true), FullTunnelRoutes.blocking(parse(HEAD + PEER + "AllowedIPs = 0.0.0.0/0\n")));
        assertEquals(Optional.of(true), FullTunnelRoutes.blocking(parse(HEAD + PEER + "AllowedIPs = 10.0.0.0/8, ::/0\n")));
        assertEquals(Optional.of(false), FullTunnelRoutes.blocking(parse(HEAD + PEER + "AllowedIPs = 128.0.0.0/1, 0.0.0.0/1\n")));
        assertEquals(Optional.of(false), FullTunnelRoutes.blocking(parse(HEAD + PEER + "AllowedIPs = ::/1\nAllowedIPs = 8000::/1\n")));
        assertEquals(Optional.empty(), FullTunnelRoutes.blocking(parse(HEAD + PEER + "AllowedIPs = 0.0.0.0/1, ::/1\n")));
        assertEquals(Optional.empty(), FullTunnelRoutes.blocking(parse(HEAD + PEER + "AllowedIPs = 10.0.0.0/8\n")));
        assertEquals(Optional.empty(), FullTunnelRoutes.blocking(parse(HEAD + "Table = off\n" + PEER + "AllowedIPs = 0.0.0.0/0\n")));
        String second = "[Peer]\nPublicKey = " + Key.generatePrivate().publicKey().toBase64() + "\nAllowedIPs = 10.1.0.0/16\n";
        assertEquals(Optional.empty(), FullTunnelRoutes.blocking(parse(HEAD + PEER + "AllowedIPs = 0.0.0.0/0\n" + second)));
    }

    @Test
    void unblockingSplitsEachWholeFamilyAfterTheOtherEntries() {
        String text = HEAD + PEER + "AllowedIPs = ::/0,10.0.0.0/8 , 0.0.0.0/0 # everything\nEndpoint = 192.0.2.1:51820\n";
        String off = FullTunnelRoutes.withBlocking(text, false);
        assertEquals(HEAD + PEER + "AllowedIPs = 10.0.0.0/8, 0.0.0.0/1, 128.0.0.0/1, ::/1, 8000::/1 # everything\n"
                + "Endpoint = 192.0.2.1:51820\n", off);
        assertEquals(false, managerBlocks(off));
        String on = FullTunnelRoutes.withBlocking(off, true);
        assertEquals(HEAD + PEER + "AllowedIPs = 10.0.0.0/8, 0.0.0.0/0, ::/0 # everything\nEndpoint = 192.0.2.1:51820\n", on);
        assertEquals(true, managerBlocks(on));
        assertEquals(on, FullTunnelRoutes.withBlocking(on, true), "nothing to merge");
    }

    @Test
    void blockingMergesCompleteFamiliesAndMovesALoneHalfLast() {
        String text = HEAD + PEER + "AllowedIPs = 0.0.0.0/1, fd00::/64\nAllowedIPs = 128.0.0.0/1, ::/1\n";
        assertEquals(HEAD + PEER + "AllowedIPs = fd00::/64\nAllowedIPs = 0.0.0.0/0, ::/1\n", FullTunnelRoutes.withBlocking(text, true));
        String noCompleteFamily = HEAD + PEER + "AllowedIPs = 0.0.0.0/1, ::/1\n";
        assertEquals(noCompleteFamily, FullTunnelRoutes.withBlocking(noCompleteFamily, true));
    }

    @Test
    void anEmptiedLineGoesButItsCommentStaysAndLineEndingsAreKept() {
        String text = (HEAD + PEER + "AllowedIPs = 0.0.0.0/0 # all v4\nAllowedIPs = 10.0.0.0/8\n").replace("\n", "\r\n");
        assertEquals((HEAD + PEER + "# all v4\nAllowedIPs = 10.0.0.0/8, 0.0.0.0/1, 128.0.0.0/1\n").replace("\n", "\r\n"),
                FullTunnelRoutes.withBlocking(text, false));
        String plain = HEAD + PEER + "AllowedIPs = ::/0\nAllowedIPs = 10.0.0.0/8";
        assertEquals(HEAD + PEER + "AllowedIPs = 10.0.0.0/8, ::/1, 8000::/1", FullTunnelRoutes.withBlocking(plain, false));
    }

    @Test
    void routesInTheInterfaceSectionOrCommentsAreNotTouched() {
        String text = "# AllowedIPs = 0.0.0.0/0\n" + HEAD + PEER + "# AllowedIPs = ::/0\nAllowedIPs = 0.0.0.0/0\n";
        assertEquals("# AllowedIPs = 0.0.0.0/0\n" + HEAD + PEER + "# AllowedIPs = ::/0\nAllowedIPs = 0.0.0.0/1, 128.0.0.0/1\n",
                FullTunnelRoutes.withBlocking(text, false));
    }
}
