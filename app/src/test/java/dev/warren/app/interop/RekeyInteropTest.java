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
 * wireguard-go, with Warren as the initiator that rekeys (lab 1) and, at the same time, as the responder to
 * wireguard-go's rekey (lab 2). Pings run both ways every 0.2 s for 130 s in each lab. Takes about 2.5 minutes.
 */
@Tag("netns")
class RekeyInteropTest {

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) packets transmitted, (\\d+) received");

    /** One lab's tunnel with pings running both ways. */
    private record Run(Node warren, Node wgo, long firstHandshake, Process[] pings, Path[] outputs) {
    }

    private static Run start(Lab lab, boolean warrenInitiates) throws Exception {
        Node warren = lab.start('a', Impl.WARREN);
        Node wgo = lab.start('b', Impl.WIREGUARD_GO);
        // Only the initiator knows the other's endpoint, so the first handshake, and the rekey, are its own.
        Lab.pair(warren, wgo, warrenInitiates, !warrenInitiates, false);
        if (warrenInitiates) {
            Lab.ping(warren, wgo.inner4(), 1);
        } else {
            Lab.ping(wgo, warren.inner4(), 1);
        }
        long first = warren.latestHandshake(wgo);
        assertTrue(first > 0);
        Path outA = lab.workDir().resolve("ping-a.txt");
        Path outB = lab.workDir().resolve("ping-b.txt");
        Process fromWarren = lab.background(lab.a, outA, "ping", "-i", "0.2", "-w", "130", "-W", "1", wgo.inner4());
        Process fromWgo = lab.background(lab.b, outB, "ping", "-i", "0.2", "-w", "130", "-W", "1", warren.inner4());
        return new Run(warren, wgo, first, new Process[] {fromWarren, fromWgo}, new Path[] {outA, outB});
    }

    private static void verify(Run run, String lab) throws Exception {
        for (Process p : run.pings()) {
            assertTrue(p.waitFor(200, TimeUnit.SECONDS), lab + ": ping finished");
        }
        long second = run.warren().latestHandshake(run.wgo());
        assertTrue(second >= run.firstHandshake() + 120, lab + ": a new handshake after REKEY_AFTER_TIME: "
                + run.firstHandshake() + " then " + second);
        assertTrue(run.wgo().latestHandshake(run.warren()) >= run.firstHandshake() + 120, lab + ": wireguard-go saw it");
        for (Path out : run.outputs()) {
            String text = Files.readString(out);
            Matcher m = SUMMARY.matcher(text);
            assertTrue(m.find(), text);
            int sent = Integer.parseInt(m.group(1));
            int received = Integer.parseInt(m.group(2));
            // The old keys stay valid until the new ones are confirmed, so nothing should be lost; one or two
            // replies may miss ping's 1 s wait on a machine this loaded.
            assertTrue(sent >= 500 && sent - received <= 2, lab + " " + out.getFileName() + ": " + m.group());
        }
    }

    @Test
    void trafficContinuesAcrossRekeyAfterTimeWithWarrenInitiatingAndResponding() throws Exception {
        try (Lab initiating = Lab.create(1500); Lab responding = Lab.create(1500)) {
            Run warrenRekeys = start(initiating, true);
            Run wgoRekeys = start(responding, false);
            verify(warrenRekeys, "Warren initiates");
            verify(wgoRekeys, "wireguard-go initiates");
            assertTrue(initiating.log(warrenRekeys.warren().iface()).lines()
                    .filter(l -> l.endsWith("Sending handshake initiation")).count() >= 2, "Warren started the rekey");
            assertTrue(responding.log(wgoRekeys.warren().iface()).lines()
                    .filter(l -> l.endsWith("Sending handshake response")).count() >= 2, "Warren answered the rekey");
        }
    }
}
