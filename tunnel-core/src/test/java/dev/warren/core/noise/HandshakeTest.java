package dev.warren.core.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.Key;
import dev.warren.core.crypto.Tai64n;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private final StaticIdentity alice = StaticIdentity.of(Key.generatePrivate());
    private final StaticIdentity bob = StaticIdentity.of(Key.generatePrivate());
    private final Handshake aliceSide = new Handshake(alice, bob.publicKey());
    private final Handshake bobSide = new Handshake(bob, alice.publicKey());
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void fullHandshakeGivesMatchingKeysAndZeroesState() {
        byte[] init = aliceSide.createInitiation(1, Tai64n.of(t0));
        assertEquals(Handshake.InitiationVerdict.ACCEPTED,
                bobSide.consumeInitiation(Handshake.openInitiation(bob, init), 0));
        byte[] resp = bobSide.createResponse(2);
        assertTrue(aliceSide.consumeResponse(resp));
        SessionKeys a = aliceSide.deriveKeys();
        SessionKeys b = bobSide.deriveKeys();
        assertArrayEquals(a.sendKey(), b.receiveKey());
        assertArrayEquals(a.receiveKey(), b.sendKey());
        assertTrue(a.initiator());
        assertFalse(b.initiator());
        assertEquals(Handshake.State.ZEROED, aliceSide.state());
        assertNull(aliceSide.deriveKeys(), "keys are derived once");
        assertFalse(a.toString().contains(Key.of(Key.Kind.PUBLIC, a.sendKey()).toBase64()));
    }

    @Test
    void everyTamperedByteOfTheInitiationIsRejected() {
        byte[] init = aliceSide.createInitiation(1, Tai64n.of(t0));
        for (int i = 8; i < Message.mac1Offset(init.length); i++) {
            byte[] t = init.clone();
            t[i] ^= 0x40;
            Handshake.OpenedInitiation o = Handshake.openInitiation(bob, t);
            assertTrue(o == null || bobSide.consumeInitiation(o, 0) != Handshake.InitiationVerdict.ACCEPTED,
                    "byte " + i);
        }
        assertNull(Handshake.openInitiation(bob, java.util.Arrays.copyOf(init, 147)));
        assertNull(Handshake.openInitiation(bob, java.util.Arrays.copyOf(init, 149)));
    }

    @Test
    void initiationForSomeoneElseDoesNotOpen() {
        StaticIdentity carol = StaticIdentity.of(Key.generatePrivate());
        assertNull(Handshake.openInitiation(carol, aliceSide.createInitiation(1, Tai64n.of(t0))));
    }

    @Test
    void replayedOrOlderTimestampIsRefused() {
        byte[] first = aliceSide.createInitiation(1, Tai64n.of(t0.plusSeconds(10)));
        assertEquals(Handshake.InitiationVerdict.ACCEPTED,
                bobSide.consumeInitiation(Handshake.openInitiation(bob, first), 0));
        assertEquals(Handshake.InitiationVerdict.REPLAYED,
                bobSide.consumeInitiation(Handshake.openInitiation(bob, first), 1_000_000_000L));
        byte[] older = aliceSide.createInitiation(1, Tai64n.of(t0.plusSeconds(5)));
        assertEquals(Handshake.InitiationVerdict.REPLAYED,
                bobSide.consumeInitiation(Handshake.openInitiation(bob, older), 2_000_000_000L));
    }

    @Test
    void initiationsCloserThanTwentyMillisecondsAreAFlood() {
        byte[] a = aliceSide.createInitiation(1, Tai64n.of(t0));
        byte[] b = aliceSide.createInitiation(1, Tai64n.of(t0.plusSeconds(1)));
        byte[] c = aliceSide.createInitiation(1, Tai64n.of(t0.plusSeconds(2)));
        long now = 5_000_000_000L;
        assertEquals(Handshake.InitiationVerdict.ACCEPTED, bobSide.consumeInitiation(Handshake.openInitiation(bob, a), now));
        assertEquals(Handshake.InitiationVerdict.FLOOD,
                bobSide.consumeInitiation(Handshake.openInitiation(bob, b), now + 20_000_000L));
        assertEquals(Handshake.InitiationVerdict.ACCEPTED,
                bobSide.consumeInitiation(Handshake.openInitiation(bob, c), now + 20_000_001L));
    }

    @Test
    void tamperedResponseOrWrongReceiverIsRejectedAndTheHandshakeCanStillComplete() {
        byte[] init = aliceSide.createInitiation(7, Tai64n.of(t0));
        bobSide.consumeInitiation(Handshake.openInitiation(bob, init), 0);
        byte[] resp = bobSide.createResponse(9);
        // The sender index (bytes 4-7) is outside the Noise transcript; only mac1 covers it, as in WireGuard.
        for (int i = 8; i < Message.mac1Offset(resp.length); i++) {
            byte[] t = resp.clone();
            t[i] ^= 1;
            assertFalse(aliceSide.consumeResponse(t), "byte " + i);
        }
        assertTrue(aliceSide.consumeResponse(resp));
        assertFalse(aliceSide.consumeResponse(resp), "a response is consumed once");
    }

    @Test
    void presharedKeyMismatchFailsTheResponse() {
        aliceSide.setPresharedKey(Key.generatePreshared().bytes());
        byte[] init = aliceSide.createInitiation(1, Tai64n.of(t0));
        bobSide.consumeInitiation(Handshake.openInitiation(bob, init), 0);
        assertFalse(aliceSide.consumeResponse(bobSide.createResponse(2)));
    }

    @Test
    void lowOrderPeerKeyCannotStartAHandshake() {
        Handshake bad = new Handshake(alice, new byte[32]);
        assertThrows(IllegalStateException.class, () -> bad.createInitiation(1, Tai64n.of(t0)));
    }

    @Test
    void mac1IsCheckedAndMac2AppearsOnlyWithAFreshCookie() throws Exception {
        CookieChecker checker = new CookieChecker(bob.publicKey());
        CookieGenerator generator = new CookieGenerator(bob.publicKey());
        InetSocketAddress src = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 51820);
        byte[] init = aliceSide.createInitiation(5, Tai64n.of(t0));
        generator.addMacs(init, 0);
        assertTrue(checker.checkMac1(init));
        assertFalse(checker.checkMac2(init, src, 0));

        byte[] reply = checker.createReply(init, src, 0);
        assertEquals(Message.COOKIE_REPLY_SIZE, reply.length);
        assertEquals(Message.TYPE_COOKIE_REPLY, Message.getInt(reply, 0));
        assertEquals(5, Message.getInt(reply, Message.COOKIE_REPLY_RECEIVER));
        byte[] tampered = reply.clone();
        tampered[40] ^= 1;
        assertFalse(generator.consumeReply(tampered, 0));
        assertTrue(generator.consumeReply(reply, 0));

        byte[] again = aliceSide.createInitiation(5, Tai64n.of(t0.plusSeconds(1)));
        generator.addMacs(again, 1_000);
        assertTrue(checker.checkMac1(again));
        assertTrue(checker.checkMac2(again, src, 1_000));
        assertFalse(checker.checkMac2(again, new InetSocketAddress(src.getAddress(), 51821), 1_000),
                "the cookie is bound to the source port");
        assertFalse(checker.checkMac2(again, src, CookieChecker.COOKIE_REFRESH_NANOS + 1),
                "the secret expires after two minutes");

        byte[] late = aliceSide.createInitiation(5, Tai64n.of(t0.plusSeconds(200)));
        generator.addMacs(late, CookieChecker.COOKIE_REFRESH_NANOS + 1);
        assertArrayEquals(new byte[16], java.util.Arrays.copyOfRange(late, 132, 148), "stale cookie: no mac2");

        init[20] ^= 1;
        assertFalse(checker.checkMac1(init));
        assertFalse(new CookieChecker(alice.publicKey()).checkMac1(again), "mac1 is keyed by the receiver");
    }

    @Test
    void rateLimiterAllowsBurstThenTwentyPerSecondPerSource() throws Exception {
        RateLimiter limiter = new RateLimiter();
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("2001:db8::1");
        long now = 1_000_000_000L;
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            if (limiter.allow(a, now)) {
                allowed++;
            }
        }
        // wireguard-go starts a source at one packet below the burst and needs strictly more than one
        // packet's worth of tokens, so an instantaneous burst passes 4 of 5.
        assertEquals(RateLimiter.PACKETS_BURSTABLE - 1, allowed);
        assertTrue(limiter.allow(b, now), "other sources are unaffected");
        assertFalse(limiter.allow(a, now));
        assertTrue(limiter.allow(a, now + 1));
        assertFalse(limiter.allow(a, now + RateLimiter.PACKET_COST), "one packet per 50 ms once the burst is spent");
        assertTrue(limiter.allow(a, now + RateLimiter.PACKET_COST + 1));
        limiter.allow(b, now + 3_000_000_000L);
        assertEquals(1, limiter.size(), "idle sources are forgotten");
    }
}
