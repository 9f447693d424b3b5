package dev.warren.app.userspace;

import dev.warren.core.config.Key;
import dev.warren.core.device.DeviceEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** wireguard-go's LOG_LEVEL values and line format, and the device events written as its messages. */
class UserspaceLogTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private UserspaceLog log(LogLevel level) {
        return new UserspaceLog(level, "wg7", new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
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
    void verboseLinesGoToStdoutAndErrorsToStderrInWireguardGoFormat() {
        UserspaceLog log = log(LogLevel.VERBOSE);
        log.verbose("Device started");
        log.error("Failed to bind");
        String time = "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d";
        assertTrue(out.toString(StandardCharsets.UTF_8).matches("DEBUG: \\(wg7\\) " + time + " Device started\\R"), out.toString());
        assertTrue(err.toString(StandardCharsets.UTF_8).matches("ERROR: \\(wg7\\) " + time + " Failed to bind\\R"), err.toString());
    }

    @Test
    void levelsFilter() {
        UserspaceLog errorsOnly = log(LogLevel.ERROR);
        errorsOnly.verbose("hidden");
        errorsOnly.error("shown");
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("shown"));
        err.reset();
        UserspaceLog silent = log(LogLevel.SILENT);
        silent.verbose("hidden");
        silent.error("hidden");
        assertEquals("", out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
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
        assertTrue(err.toString(StandardCharsets.UTF_8).matches(
                "ERROR: \\(wg7\\) [0-9/]+ [0-9:]+ reading from TUN device wg7 failed\\R"), err.toString());
    }
}
