package dev.warren.core.config;

import static dev.warren.core.config.WgQuickParserTest.PRIV;
import static dev.warren.core.config.WgQuickParserTest.PUB1;
import static dev.warren.core.config.WgQuickParserTest.PUB2;
import static dev.warren.core.config.WgQuickParserTest.valid;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Edits made through the model change only the lines they concern; everything else stays as the user wrote it. */
class WgQuickWriterTest {

    private static final String PUB3 = Key.generatePrivate().publicKey().toBase64();

    private static final String FILE = """
            # home router
            [Interface] # ours
            PrivateKey = %s
            ListenPort = 51820 # forwarded
            address = 10.0.0.1/24 # v4
            Address = fd00::1/64
            PostUp = echo one
            PostUp = echo two # second

            # phone
            [Peer]
            PublicKey = %s
            AllowedIPs = 10.0.0.2/32 # phone

            # laptop
            [Peer]
            PublicKey = %s
            AllowedIPs = 10.0.0.3/32
            Endpoint = laptop.example.com:51820
            # end
            """.formatted(PRIV.toBase64(), PUB1, PUB2);

    private static TunnelConfig config() {
        return valid(FILE);
    }

    private static String writeAndCheck(TunnelConfig changed) {
        String out = WgQuickWriter.write(changed);
        assertEquals(changed, valid(out), "what is written reads back as the changed config");
        return out;
    }

    @Test
    void changedValueRewritesOnlyItsLineKeepingSpellingAndComment() {
        TunnelConfig c = config();
        String out = writeAndCheck(c.withInterface(c.interfaceConfig().toBuilder().listenPort(51821).build()));
        assertEquals(FILE.replace("ListenPort = 51820 # forwarded", "ListenPort = 51821 # forwarded"), out);
    }

    @Test
    void changedListGoesOnItsFirstLineAndLaterLinesKeepTheirComments() {
        TunnelConfig c = config();
        List<IpNetwork> addresses = List.of(IpNetwork.parse("10.0.0.9/24"), IpNetwork.parse("fd00::9/64"));
        String out = writeAndCheck(c.withInterface(c.interfaceConfig().toBuilder().addresses(addresses).build()));
        assertEquals(FILE.replace("address = 10.0.0.1/24 # v4\nAddress = fd00::1/64\n",
                "address = 10.0.0.9/24, fd00::9/64 # v4\n"), out);
    }

    @Test
    void scriptsAreRewrittenLineByLine() {
        TunnelConfig c = config();
        String out = writeAndCheck(c.withInterface(c.interfaceConfig().toBuilder()
                .postUp(List.of("echo one", "echo 2", "echo three")).build()));
        assertEquals(FILE.replace("PostUp = echo two # second\n", "PostUp = echo 2 # second\nPostUp = echo three\n"), out);

        out = writeAndCheck(c.withInterface(c.interfaceConfig().toBuilder().postUp(List.of("echo one")).build()));
        assertEquals(FILE.replace("PostUp = echo two # second\n", "# second\n"), out);
    }

    @Test
    void newKeyIsAddedAfterTheSectionsLastKey() {
        TunnelConfig c = config();
        String out = writeAndCheck(c.withInterface(c.interfaceConfig().toBuilder().mtu(OptionalInt.of(1380)).build()));
        assertEquals(FILE.replace("PostUp = echo two # second\n", "PostUp = echo two # second\nMTU = 1380\n"), out);
    }

    @Test
    void valueBackToDefaultRemovesTheLine() {
        TunnelConfig c = config();
        PeerConfig laptop = c.peers().get(1).toBuilder().endpoint(Optional.empty()).build();
        String out = writeAndCheck(c.withPeers(List.of(c.peers().get(0), laptop)));
        assertEquals(FILE.replace("Endpoint = laptop.example.com:51820\n", ""), out);
    }

    @Test
    void removedPeerTakesItsCommentsAlong() {
        TunnelConfig c = config();
        String out = writeAndCheck(c.withPeers(List.of(c.peers().get(1))));
        assertEquals(FILE.replace("# phone\n[Peer]\nPublicKey = " + PUB1 + "\nAllowedIPs = 10.0.0.2/32 # phone\n\n", ""), out);
    }

    @Test
    void reorderedPeersMoveWithTheirComments() {
        TunnelConfig c = config();
        String out = writeAndCheck(c.withPeers(List.of(c.peers().get(1), c.peers().get(0))));
        String phone = "\n# phone\n[Peer]\nPublicKey = " + PUB1 + "\nAllowedIPs = 10.0.0.2/32 # phone\n";
        String laptop = "\n# laptop\n[Peer]\nPublicKey = " + PUB2 + "\nAllowedIPs = 10.0.0.3/32\nEndpoint = laptop.example.com:51820\n";
        assertEquals(FILE.replace(phone + laptop, laptop + phone), out);
    }

    @Test
    void addedPeerIsAppendedInCanonicalForm() {
        TunnelConfig c = config();
        List<PeerConfig> peers = new ArrayList<>(c.peers());
        peers.add(PeerConfig.builder(Key.fromBase64(Key.Kind.PUBLIC, PUB3))
                .allowedIps(List.of(IpNetwork.parse("10.0.0.4/32"))).persistentKeepalive(25).build());
        String out = writeAndCheck(c.withPeers(peers));
        assertEquals(FILE.replace("# end\n", "\n[Peer]\nPublicKey = " + PUB3
                + "\nAllowedIPs = 10.0.0.4/32\nPersistentKeepalive = 25\n# end\n"), out);
    }

    @Test
    void peerWithNewKeyKeepsThePlaceOfTheOldOne() {
        TunnelConfig c = config();
        PeerConfig rekeyed = c.peers().get(0).toBuilder().publicKey(Key.fromBase64(Key.Kind.PUBLIC, PUB3)).build();
        String out = writeAndCheck(c.withPeers(List.of(rekeyed, c.peers().get(1))));
        assertEquals(FILE.replace(PUB1, PUB3), out);
    }

    @Test
    void crlfFilesStayCrlf() {
        TunnelConfig c = valid(FILE.replace("\n", "\r\n"));
        String out = writeAndCheck(c.withInterface(c.interfaceConfig().toBuilder().listenPort(1).build()));
        assertEquals(FILE.replace("ListenPort = 51820", "ListenPort = 1").replace("\n", "\r\n"), out);
    }

    @Test
    void canonicalFormWithoutLayout() {
        TunnelConfig c = TunnelConfig.of(
                InterfaceConfig.builder(PRIV).addresses(List.of(IpNetwork.parse("10.0.0.1/24")))
                        .dnsServers(List.of(IpNetwork.parseLiteral("10.0.0.53"))).dnsSearchDomains(List.of("lan"))
                        .table(RoutingTable.OFF).postUp(List.of("echo a", "echo b")).build(),
                List.of(PeerConfig.builder(Key.fromBase64(Key.Kind.PUBLIC, PUB1))
                        .allowedIps(List.of(IpNetwork.parse("0.0.0.0/0")))
                        .endpoint(Optional.of(Endpoint.parse("[fe80::1%eth0]:51820"))).build()));
        String expected = """
                [Interface]
                PrivateKey = %s
                Address = 10.0.0.1/24
                DNS = 10.0.0.53, lan
                Table = off
                PostUp = echo a
                PostUp = echo b

                [Peer]
                PublicKey = %s
                AllowedIPs = 0.0.0.0/0
                Endpoint = [fe80::1%%eth0]:51820
                """.formatted(PRIV.toBase64(), PUB1);
        assertEquals(expected, writeAndCheck(c));
    }
}
