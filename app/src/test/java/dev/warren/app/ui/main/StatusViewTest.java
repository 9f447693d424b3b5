package dev.warren.app.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.PeerRuntime;
import dev.warren.app.ipc.TunnelRuntime;
import dev.warren.app.ipc.TunnelState;
import dev.warren.app.ipc.TunnelSummary;
import dev.warren.core.config.Key;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.TunnelConfig;
import dev.warren.core.config.WgQuickParser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private static final Key PRIV = Key.generatePrivate();
    private static final String PEER = Key.generatePrivate().publicKey().toBase64();

    private static TunnelConfig config(String text) {
        return ((ParseResult.Valid) WgQuickParser.parse("t.conf", text)).config();
    }

    @Test
    void aRunningTunnelShowsLiveFigures() {
        TunnelSummary s = new TunnelSummary("wg0", TunnelState.ACTIVE, null, false, List.of("10.0.0.2/32"));
        PeerRuntime peer = new PeerRuntime(PEER, true, "192.0.2.1:51820", List.of("0.0.0.0/0"),
                NOW.minusSeconds(125).toEpochMilli(), 3 * 1024 * 1024 + 512 * 1024, 2048, 25);
        TunnelRuntime r = new TunnelRuntime("wg0", PRIV.publicKey().toBase64(), 51820, 1420, List.of("10.0.0.2/32"),
                List.of("10.0.0.1"), List.of(peer), "on, local network allowed");
        StatusView v = StatusView.of(s, Optional.empty(), Optional.of(r), NOW, false);
        StatusView.Group iface = v.groups().getFirst();
        assertEquals("Interface: wg0", iface.title());
        assertEquals(Optional.of("Active"), iface.value("Status"));
        assertEquals(Optional.of(PRIV.publicKey().toBase64()), iface.value("Public key"));
        assertEquals(Optional.of("51820"), iface.value("Listen port"));
        assertEquals(Optional.of("1420"), iface.value("MTU"));
        assertEquals(Optional.of("10.0.0.1"), iface.value("DNS"));
        assertEquals(Optional.of("on, local network allowed"), iface.value("Kill-switch"));
        StatusView.Group p = v.groups().get(1);
        assertEquals(List.of("Public key", "Preshared key", "Allowed IPs", "Endpoint", "Persistent keepalive",
                "Latest handshake", "Transfer"), p.fields().stream().map(StatusView.Field::label).toList());
        assertEquals(Optional.of("enabled"), p.value("Preshared key"));
        assertEquals(Optional.of("every 25 seconds"), p.value("Persistent keepalive"));
        assertEquals(Optional.of("2 minutes, 5 seconds ago"), p.value("Latest handshake"));
        assertEquals(Optional.of("3.50 MiB received, 2.00 KiB sent"), p.value("Transfer"));
    }

    @Test
    void aStoppedTunnelShowsItsStoredConfig() {
        TunnelConfig c = config("[Interface]\nPrivateKey = " + PRIV.toBase64() + "\nAddress = 10.0.0.2/32, fd00::2/128\n"
                + "DNS = 10.0.0.1, corp.example\nListenPort = 51000\n[Peer]\nPublicKey = " + PEER
                + "\nAllowedIPs = 10.0.0.0/24\n");
        TunnelSummary s = new TunnelSummary("wg0", TunnelState.INACTIVE, null, false, List.of());
        StatusView v = StatusView.of(s, Optional.of(c), Optional.empty(), NOW, false);
        assertEquals(Optional.of(PRIV.publicKey().toBase64()), v.groups().getFirst().value("Public key"));
        assertEquals(Optional.of("10.0.0.2/32, fd00::2/128"), v.groups().getFirst().value("Addresses"));
        assertEquals(Optional.of("10.0.0.1, corp.example"), v.groups().getFirst().value("DNS"));
        assertEquals(Optional.of("51000"), v.groups().getFirst().value("Listen port"));
        assertEquals(Optional.empty(), v.groups().getFirst().value("MTU"), "an automatic MTU has no row");
        assertEquals(Optional.of(PEER), v.groups().get(1).value("Public key"));
        assertEquals(Optional.empty(), v.groups().get(1).value("Latest handshake"));
    }

    @Test
    void operatorsSeeNoKeysAndFailuresSayWhy() {
        TunnelSummary s = new TunnelSummary("wg0", TunnelState.ERROR, "no route to the endpoint", false, List.of("10.0.0.2/32"));
        PeerRuntime peer = new PeerRuntime(PEER, false, null, List.of("10.0.0.0/24"), 0, 0, 0, 0);
        TunnelRuntime r = new TunnelRuntime("wg0", PRIV.publicKey().toBase64(), 0, 0, List.of(), List.of(), List.of(peer), "off");
        StatusView v = StatusView.of(s, Optional.empty(), Optional.of(r), NOW, true);
        assertEquals(Optional.of("Failed: no route to the endpoint"), v.groups().getFirst().value("Status"));
        assertTrue(v.groups().stream().flatMap(g -> g.fields().stream()).noneMatch(f -> f.label().contains("key")));
        assertEquals(List.of("Allowed IPs"), v.groups().get(1).fields().stream().map(StatusView.Field::label).toList(),
                "no handshake yet, no traffic, no endpoint: those rows are left out");
    }

    @Test
    void sameShapeMeansOnlyValuesDiffer() {
        TunnelSummary s = new TunnelSummary("wg0", TunnelState.INACTIVE, null, false, List.of("10.0.0.2/32"));
        StatusView a = StatusView.of(s, Optional.empty(), Optional.empty(), NOW, false);
        StatusView b = StatusView.of(new TunnelSummary("wg0", TunnelState.ACTIVE, null, false, List.of("10.0.0.3/32")),
                Optional.empty(), Optional.empty(), NOW, false);
        assertTrue(a.sameShape(b));
        assertFalse(a.sameShape(new StatusView(List.of())));
    }

    @Test
    void anOperatorsRedactedConfigStillParsesForDisplayWhateverItsLineEndings() {
        for (String eol : List.of("\n", "\r\n", "\r")) {
            String redacted = String.join(eol, "[Interface] # home", "Address = 10.0.0.2/32", "[Peer]",
                    "PublicKey = " + PEER, "AllowedIPs = 10.0.0.0/24", "");
            assertTrue(WgQuickParser.parse("t.conf", MainWindow.withStandInKey(redacted)) instanceof ParseResult.Valid,
                    "line ending " + eol.replace("\r", "\\r").replace("\n", "\\n"));
        }
        assertTrue(WgQuickParser.parse("t.conf", MainWindow.withStandInKey("[Interface]")) instanceof ParseResult.Valid,
                "an [Interface] line without a line end");
    }
}
