package dev.warren.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Warren writes is read by the real wireguard-tools: {@code wg-quick strip} accepts it, and {@code wg
 * setconf} on the stripped file sends a UAPI request identical to {@link UapiSetRequest}'s. {@code wg} is
 * pointed at a UAPI socket served by this test (as a userspace implementation would), so no interface is made.
 * Needs root (for {@code /var/run/wireguard}) and wireguard-tools.
 */
@Tag("tools")
class WgToolsInteropTest {

    private static final Path SOCKET_DIR = Path.of("/var/run/wireguard");

    /** Configs whose endpoints wg can use without DNS, scoped only to the loopback interface every host has. */
    static List<Path> configsWithLiteralEndpoints() {
        return ValidConfigCorpusTest.validConfigs().stream().filter(p -> {
            TunnelConfig c = ((ParseResult.Valid) WgQuickParser.parse("c", ConfigCorpus.read(p))).config();
            return c.peers().stream().allMatch(peer -> peer.endpoint()
                    .map(e -> e.isLiteral() && (!e.host().contains("%") || e.host().endsWith("%lo"))).orElse(true));
        }).toList();
    }

    @ParameterizedTest
    @MethodSource("configsWithLiteralEndpoints")
    void wgSetconfOfWhatWeWriteSendsOurUapiRequest(Path source, @TempDir Path dir) throws Exception {
        TunnelConfig config = ((ParseResult.Valid) WgQuickParser.parse("c", ConfigCorpus.read(source))).config();
        String iface = "wrn" + ProcessHandle.current().pid() % 100_000 + "x" + Math.abs(source.hashCode() % 1000);
        Path conf = dir.resolve(iface + ".conf");
        Files.writeString(conf, WgQuickWriter.write(config.withoutLayout()));

        Process strip = new ProcessBuilder("wg-quick", "strip", conf.toString()).redirectErrorStream(true).start();
        String stripped = new String(strip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(strip.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, strip.exitValue(), stripped);
        Path strippedFile = dir.resolve("stripped.conf");
        Files.writeString(strippedFile, stripped);

        Files.createDirectories(SOCKET_DIR);
        Path socket = SOCKET_DIR.resolve(iface + ".sock");
        Files.deleteIfExists(socket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> serveOneSet(server));
            Process setconf = new ProcessBuilder("wg", "setconf", iface, strippedFile.toString())
                    .redirectErrorStream(true).start();
            String output = new String(setconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(setconf.waitFor(30, TimeUnit.SECONDS), "wg setconf did not finish");
            assertEquals(0, setconf.exitValue(), output);
            assertEquals(UapiSetRequest.of(config), request.get(30, TimeUnit.SECONDS));
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    /** Answers wg's liveness probe (a connect without data) and then its set request, which it returns. */
    private static String serveOneSet(ServerSocketChannel server) {
        try {
            while (true) {
                try (SocketChannel client = server.accept()) {
                    ByteArrayOutputStream received = new ByteArrayOutputStream();
                    ByteBuffer buf = ByteBuffer.allocate(4096);
                    while (!endsWithBlankLine(received) && client.read(buf.clear()) > 0) {
                        received.write(buf.array(), 0, buf.position());
                    }
                    if (received.size() > 0) {
                        client.write(ByteBuffer.wrap("errno=0\n\n".getBytes(StandardCharsets.US_ASCII)));
                        return received.toString(StandardCharsets.UTF_8);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean endsWithBlankLine(ByteArrayOutputStream b) {
        byte[] a = b.toByteArray();
        return a.length >= 2 && a[a.length - 1] == '\n' && a[a.length - 2] == '\n';
    }

    @ParameterizedTest
    @MethodSource("dev.warren.core.config.ValidConfigCorpusTest#validConfigs")
    void wgQuickStripAcceptsEveryConfigWeWrite(Path source, @TempDir Path dir) throws Exception {
        TunnelConfig config = ((ParseResult.Valid) WgQuickParser.parse("c", ConfigCorpus.read(source))).config();
        for (String text : List.of(WgQuickWriter.write(config), WgQuickWriter.write(config.withoutLayout()))) {
            Path conf = dir.resolve("wrnstrip.conf");
            Files.writeString(conf, text);
            Process strip = new ProcessBuilder("wg-quick", "strip", conf.toString()).redirectErrorStream(true).start();
            String stripped = new String(strip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(strip.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, strip.exitValue(), stripped);
            // What strip leaves is the wg(8) part; it must still be a valid config with the same peers.
            ParseResult r = WgQuickParser.parse("stripped.conf", stripped);
            assertEquals(config.peers(), assertInstanceOf(ParseResult.Valid.class, r, () -> r.errors() + "\n" + stripped)
                    .config().peers());
        }
    }
}
