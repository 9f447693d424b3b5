package dev.warren.app.userspace;

import dev.warren.core.config.Key;
import dev.warren.core.device.DeviceEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** wireguard-go's LOG_LEVEL values and line format, and the device events written as its messages. */
class UserspaceLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private UserspaceLog log(LogLevel level) {
        return new UserspaceLog(level, "wg7", new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void logLevelAsWireguardGoReadsIt() {
        assertEquals(LogLevel.VERBOSE, LogLevel.fromEnvironment("verbose"));
        assertEquals(LogLevel.VERBOSE, LogLevel.fromEnvironment("debug"));
        assertEquals(LogLevel.ERROR, LogLevel.fromEnvironment("error"));
        assertEquals(LogLevel.SILENT, LogLevel.fromEnvironment("SILENT"));
        assertEquals(LogLevel.ERROR, LogLevel.fromEnvironment(null));
        assertEquals(LogLevel.ERROR, LogLevel.fromEnvironment("loud"));
    }

    @Test
    void verboseAndErrorLinesBothGoToOneStreamInWireguardGoFormat() {
        // wireguard-go 0.0.20220316 (Debian) writes DEBUG and ERROR lines alike to stdout; UserspaceCommand passes
        // System.out here, and UserspaceDaemonTest checks that stderr stays empty.
        UserspaceLog log = log(LogLevel.VERBOSE);
        log.verbose("Device started");
        log.error("Failed to bind");
        String time = "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d";
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("DEBUG: \\(wg7\\) " + time + " Device started\\R"
                + "ERROR: \\(wg7\\) " + time + " Failed to bind\\R"), out.toString());
    }

    @Test
    void redirectSendsLaterLinesElsewhere() {
        UserspaceLog log = log(LogLevel.ERROR);
        log.error("before");
        ByteArrayOutputStream later = new ByteArrayOutputStream();
        log.redirect(new PrintStream(later, true, StandardCharsets.UTF_8));
        log.error("after");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("before"), out.toString());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("after"), out.toString());
        assertTrue(later.toString(StandardCharsets.UTF_8).contains("after"), later.toString());
    }

    @Test
    void levelsFilter() {
        UserspaceLog errorsOnly = log(LogLevel.ERROR);
        errorsOnly.verbose("hidden");
        errorsOnly.error("shown");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("shown") && !text.contains("hidden"), text);
        out.reset();
        UserspaceLog silent = log(LogLevel.SILENT);
        silent.verbose("hidden");
        silent.error("hidden");
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void deviceEventsReadAsWireguardGoMessagesWithAbbreviatedPeer() {
        Key peer = Key.generatePrivate().publicKey();
        String b64 = peer.toBase64();
        String who = "peer(" + b64.substring(0, 4) + "…" + b64.substring(39, 43) + ")";
        DeviceEventLog events = new DeviceEventLog(log(LogLevel.VERBOSE));
        events.onEvent(new DeviceEvent.HandshakeInitiated(peer, 2));
        events.onEvent(new DeviceEvent.PeerRoamed(peer, null, new InetSocketAddress("2001:db8::1", 51820)));
        events.onEvent(new DeviceEvent.Error(null, "reading from TUN device wg7 failed"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(who + " - Handshake did not complete after 5 seconds, retrying (try 2)"), text);
        assertTrue(text.contains(who + " - Sending handshake initiation"), text);
        assertTrue(text.contains(who + " - Endpoint changed from (none) to [2001:db8::1]:51820"), text);
        assertTrue(text.contains("ERROR: (wg7) ") && text.strip().endsWith(" reading from TUN device wg7 failed"), text);
    }
}
