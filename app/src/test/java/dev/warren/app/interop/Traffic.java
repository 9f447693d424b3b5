package dev.warren.app.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warren.bridge.linux.NetNs;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk traffic through a tunnel: iperf3 (TCP and UDP) and a SHA-256-checked TCP transfer. */
final class Traffic {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Traffic() {
    }

    /** iperf3's JSON report of a run from {@code client}'s namespace to an iperf3 server in {@code server}'s. */
    static JsonNode iperf(Lab lab, NetNs clientNs, NetNs serverNs, String serverAddress, boolean udp, boolean reverse,
            int seconds) throws Exception {
        Path serverLog = lab.workDir().resolve("iperf3-server-" + System.nanoTime() + ".log");
        Process server = lab.background(serverNs, serverLog, "iperf3", "-s", "-1", "-B", serverAddress, "-p", "5201");
        try {
            Lab.Result r = null;
            // The server listens a moment after it starts; iperf3 -J may exit 0 with the refusal inside its JSON.
            for (int attempt = 0; attempt < 100; attempt++) {
                var cmd = new java.util.ArrayList<>(java.util.List.of("iperf3", "-c", serverAddress, "-p", "5201",
                        "-t", Integer.toString(seconds), "-J"));
                if (udp) {
                    cmd.addAll(java.util.List.of("-u", "-b", "20M"));
                }
                if (reverse) {
                    cmd.add("-R");
                }
                r = Lab.tryRun(clientNs, cmd.toArray(String[]::new));
                if (!r.output().contains("Connection refused")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(0, r.status(), "iperf3 failed: " + r.output());
            return JSON.readTree(r.output());
        } finally {
            Lab.stop(server);
        }
    }

    /** Received Mbit/s of an iperf3 TCP report, after asserting that data arrived. */
    static double tcpReceivedMbits(JsonNode report) {
        JsonNode received = report.path("end").path("sum_received");
        assertTrue(received.path("bytes").asLong() > 0, "iperf3 TCP received nothing: " + report);
        return received.path("bits_per_second").asDouble() / 1e6;
    }

    /**
     * Sends {@code bytes} random bytes over TCP from {@code from} to {@code toAddress} in {@code to}, and asserts
     * that the receiver's SHA-256 equals the sender's.
     */
    static void checkedTransfer(NetNs from, NetNs to, String toAddress, int bytes) throws Exception {
        ServerSocket server = to.call(() -> {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getByName(toAddress), 0));
            return s;
        });
        try (server) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[65536];
                    long total = 0;
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        sha.update(buf, 0, n);
                        total += n;
                    }
                    return total + ":" + HexFormat.of().formatHex(sha.digest());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            int port = server.getLocalPort();
            Socket client = from.call(() -> {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(InetAddress.getByName(toAddress), port), 10_000);
                return s;
            });
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (client; OutputStream out = client.getOutputStream()) {
                Random random = new Random(bytes);
                byte[] buf = new byte[65536];
                for (int sent = 0; sent < bytes; sent += buf.length) {
                    random.nextBytes(buf);
                    int n = Math.min(buf.length, bytes - sent);
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            assertEquals(bytes + ":" + HexFormat.of().formatHex(sha.digest()), received.get(60, TimeUnit.SECONDS),
                    "bytes and SHA-256 at the receiver");
        }
    }
}
