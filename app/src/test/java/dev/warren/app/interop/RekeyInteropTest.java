package dev.warren.app.interop;

import dev.warren.app.interop.Lab.Impl;
import dev.warren.app.interop.Lab.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Traffic keeps flowing across a real REKEY_AFTER_TIME (120 s) boundary between {@code warren userspace} and
 * wireguard-go: Warren, the initiator, starts a new handshake when it sends after 120 s, and the pings running
 * both ways meanwhile are not interrupted. Takes about 2.5 minutes.
 */
@Tag("netns")
class RekeyInteropTest {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    @Test
    void trafficContinuesAcrossRekeyAfterTime() throws Exception {
        try (Lab lab = Lab.create(1500)) {
            Node warren = lab.start('a', Impl.WARREN);
            Node wgo = lab.start('b', Impl.WIREGUARD_GO);
            Lab.pair(warren, wgo, true, true, false);
            Lab.ping(warren, wgo.inner4(), 1);
            long first = warren.latestHandshake(wgo);
            assertTrue(first > 0);

            // 5 pings a second each way for 130 s: the rekey at 120 s happens while they run.
            Path outA = lab.workDir().resolve("ping-a.txt");
            Path outB = lab.workDir().resolve("ping-b.txt");
            Process fromWarren = lab.background(lab.a, outA, "ping", "-i", "0.2", "-w", "130", "-W", "1", wgo.inner4());
            Process fromWgo = lab.background(lab.b, outB, "ping", "-i", "0.2", "-w", "130", "-W", "1", warren.inner4());
            assertTrue(fromWarren.waitFor(200, TimeUnit.SECONDS) && fromWgo.waitFor(30, TimeUnit.SECONDS));

            long second = warren.latestHandshake(wgo);
            assertTrue(second >= first + 120, "a new handshake after REKEY_AFTER_TIME: " + first + " then " + second);
            assertTrue(wgo.latestHandshake(warren) >= first + 120, "wireguard-go saw it too");
            for (Path out : new Path[] {outA, outB}) {
                String text = Files.readString(out);
                Matcher m = SUMMARY.matcher(text);
                assertTrue(m.find(), text);
                int sent = Integer.parseInt(m.group(1));
                int received = Integer.parseInt(m.group(2));
                // The old keys stay valid until the new ones are confirmed, so nothing should be lost; one or two
                // replies may miss ping's 1 s wait on a machine this loaded.
                assertTrue(sent >= 500 && sent - received <= 2, out.getFileName() + ": " + m.group());
            }
        }
    }
}
