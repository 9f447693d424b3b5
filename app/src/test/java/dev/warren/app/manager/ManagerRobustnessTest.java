package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warren.app.ipc.ManagerClient;
import dev.warren.app.ipc.Protocol;
import dev.warren.app.testing.Configs;
import dev.warren.app.testing.ManagerProcess;
import dev.warren.core.config.ParseResult;
import dev.warren.core.config.WgQuickParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real manager process under hostile input and a hard kill. */
class ManagerRobustnessTest {

    @TempDir
    Path dir;

    @Test
    void tenThousandMalformedFramesAndTheManagerStillAnswers() throws Exception {
        try (ManagerProcess manager = new ManagerProcess(dir).start();
                SocketChannel fuzz = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            fuzz.connect(UnixDomainSocketAddress.of(manager.socket));
            ObjectMapper json = new ObjectMapper();
            Set<Integer> codes = new HashSet<>();
            AtomicInteger replies = new AtomicInteger();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(fuzz), StandardCharsets.UTF_8));
            int frames = 10_000;
            CompletableFuture<String> lastReply = CompletableFuture.supplyAsync(() -> {
                try {
                    String line = null;
                    while (replies.get() < frames + 1 && (line = in.readLine()) != null) {
                        JsonNode n = json.readTree(line);
                        if (n.has("method")) {
                            continue; // a notification such as log.appended
                        }
                        if (n.has("error")) {
                            codes.add(n.path("error").path("code").asInt());
                        }
                        replies.incrementAndGet();
                    }
                    return line;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Random rnd = new Random(42);
            byte[] oversize = new byte[Protocol.MAX_FRAME_BYTES + 1];
            Arrays.fill(oversize, (byte) '{');
            for (int i = 0; i < frames; i++) {
                byte[] frame = switch (i % 10) {
                    case 0 -> i % 1000 == 0 ? oversize : "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tunnels.get\",\"params\":{\"name\":7}}".getBytes();
                    case 1 -> "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"no.such\"}".getBytes();
                    case 2 -> "[]".getBytes();
                    case 3 -> "{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"tunnels.list\"}".getBytes();
                    case 4 -> "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"tunnels.list\"}".getBytes();
                    case 5 -> "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"log.read\",\"params\":{\"cursor\":[],\"limit\":true}}".getBytes();
                    case 6 -> new byte[] {(byte) 0xc3, (byte) 0x28};
                    case 7 -> "\"just a string\"".getBytes();
                    default -> {
                        byte[] junk = new byte[1 + rnd.nextInt(300)];
                        rnd.nextBytes(junk);
                        for (int k = 0; k < junk.length; k++) {
                            if (junk[k] == '\n') {
                                junk[k] = ' ';
                            }
                        }
                        junk[0] = '{'; // never a blank line, which gets no reply
                        yield junk;
                    }
                };
                write(fuzz, frame);
                write(fuzz, new byte[] {'\n'});
            }
            write(fuzz, "{\"jsonrpc\":\"2.0\",\"id\":\"last\",\"method\":\"tunnels.list\"}\n".getBytes());
            String last = lastReply.get(120, TimeUnit.SECONDS);
            assertEquals(frames + 1, replies.get(), "one error reply per bad frame, then the answer");
            assertEquals(Set.of(-32700, -32600, -32601, -32602), codes);
            assertEquals("last", json.readTree(last).path("id").asText(), "the fuzzing connection itself survived");

            try (ManagerClient normal = ManagerClient.connect(manager.socket)) {
                assertEquals(List.of(), ManagerClient.await(normal.listTunnels()));
            }
        }
    }

    @Test
    void killDashNineDuringABurstOfSavesLeavesEveryConfigOldOrNew() throws Exception {
        ManagerProcess manager = new ManagerProcess(dir).start();
        int tunnels = 8;
        Map<String, Set<String>> written = new HashMap<>();
        try (ManagerClient c = ManagerClient.connect(manager.socket)) {
            for (int t = 0; t < tunnels; t++) {
                String name = "t" + t;
                String conf = Configs.tunnel("10.20." + t + ".1/24", "10.20." + t + ".0/24");
                ManagerClient.await(c.createTunnel(name, conf));
                written.computeIfAbsent(name, k -> new HashSet<>()).add(conf);
            }
            // Many saves in flight at once, then kill -9 while they are being written.
            List<CompletableFuture<?>> inFlight = new ArrayList<>();
            for (int round = 0; round < 200; round++) {
                String name = "t" + round % tunnels;
                String conf = Configs.tunnel("10.20." + round % tunnels + "." + (2 + round % 200) + "/24",
                        "10.20." + round % tunnels + ".0/24") + "# round " + round + " " + "x".repeat(round * 20) + "\n";
                synchronized (written) {
                    written.get(name).add(conf);
                }
                inFlight.add(c.updateTunnel(name, null, conf));
                if (round == 120) {
                    manager.kill9();
                }
            }
            long saved = inFlight.stream().filter(f -> f.handle((r, e) -> e == null).join()).count();
            assertTrue(saved > 0 && saved < inFlight.size(), "the kill came in the middle of the burst: " + saved
                    + " of " + inFlight.size() + " saves answered");
        }
        for (int t = 0; t < tunnels; t++) {
            String name = "t" + t;
            Path f = manager.store.resolve(name + ".conf");
            String text = Files.readString(f);
            assertTrue(written.get(name).contains(text), name + " holds something that was never written:\n" + text);
            assertTrue(WgQuickParser.parse(f.toString(), text) instanceof ParseResult.Valid);
        }

        // The next manager removes temp files a kill may have left and serves every tunnel.
        try (ManagerProcess again = ManagerProcess.withOutput(dir, "again.out").start();
                ManagerClient c = ManagerClient.connect(again.socket)) {
            assertEquals(tunnels, ManagerClient.await(c.listTunnels()).size());
            assertTrue(ManagerClient.await(c.listTunnels()).stream().allMatch(s -> s.error() == null));
            try (var files = Files.list(again.store)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
            }
        }
    }

    private static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
