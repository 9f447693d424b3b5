package dev.warren.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-resolved endpoint sees a changed address at once in the warren process: the JVM's DNS cache does not hold
 * the old one. The resolver is a hosts file ({@code -Djdk.net.hosts.file}) so the test needs no DNS and changes no
 * system file; the control run, without warren's start-up, shows the JVM's cache really would hide the change.
 */
class JvmDnsCacheTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLookupSeesTheChangedAddress() throws Exception {
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), probe("as-warren-starts"));
    }

    @Test
    void withoutItTheJvmCacheReturnsTheOldAddress() throws Exception {
        assertEquals(List.of("192.0.2.1", "192.0.2.1"), probe("plain-jvm"));
    }

    private List<String> probe(String mode) throws IOException, InterruptedException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "192.0.2.1 " + DnsReresolutionProbe.HOST + "\n");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "-cp", cp, DnsReresolutionProbe.class.getName(), hosts.toString(), mode)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe did not finish: " + out);
        }
        assertEquals(0, p.exitValue(), out);
        // Main.run(--version) prints the version first; the probe's two addresses are the last lines.
        List<String> lines = out.lines().toList();
        return lines.subList(lines.size() - 2, lines.size());
    }
}
