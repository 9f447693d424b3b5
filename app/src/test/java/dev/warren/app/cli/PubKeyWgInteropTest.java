package dev.warren.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.Main;
import dev.warren.core.config.Key;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;

/**
 * {@code warren genkey} and {@code warren pubkey} are interchangeable with {@code wg genkey} and {@code wg pubkey}:
 * the real wg and the real warren main class, as separate processes connected by pipes.
 */
@Tag("tools")
class PubKeyWgInteropTest {

    /** Runs a command with {@code stdin} piped in; returns its standard output, failing on a non-zero exit. */
    private static String run(List<String> command, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.US_ASCII));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + " did not finish");
        assertEquals(0, p.exitValue(), command + " failed");
        return out;
    }

    private static List<String> warren(String subcommand) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add(subcommand);
        return cmd;
    }

    @RepeatedTest(3)
    void wgGenkeyPipedIntoWarrenPubkeyMatchesWgPubkey() throws Exception {
        String priv = run(List.of("wg", "genkey"), "");
        String expected = run(List.of("wg", "pubkey"), priv);
        assertEquals(expected, run(warren("pubkey"), priv));
    }

    @RepeatedTest(3)
    void warrenGenkeyIsAcceptedByWgPubkey() throws Exception {
        String priv = run(warren("genkey"), "");
        String pub = run(List.of("wg", "pubkey"), priv);
        assertEquals(Key.fromBase64(Key.Kind.PRIVATE, priv.strip()).publicKey().toBase64() + "\n", pub);
    }
}
