package dev.warren.app.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warren.bridge.ipc.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-RPC server and client in one process: protocol errors, notifications, slow clients. */
class IpcServerTest {

    @TempDir
    Path dir;
    Path socket;
    IpcServer server;
    final List<String> serverLog = new CopyOnWriteArrayList<>();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("m.sock");
        MethodTable methods = new MethodTable()
                .add(Protocol.TUNNELS_LIST, Role.OPERATOR, RequestParams.None.class,
                        (p, c) -> List.of(new TunnelSummary("wg0", TunnelState.INACTIVE, null, false, List.of("10.0.0.1/32"))))
                .add(Protocol.TUNNELS_GET, Role.OPERATOR, RequestParams.Name.class, (p, c) -> {
                    if (!p.name().equals("wg0")) {
                        throw new RpcException(ErrorCode.NO_SUCH_TUNNEL, "no tunnel named '" + p.name() + "'");
                    }
                    return new StoredConfig("wg0", "[Interface]\n", false);
                })
                .add(Protocol.SESSION_INFO, Role.OPERATOR, RequestParams.None.class,
                        (p, c) -> new SessionInfo(c.user(), c.role(), "test"))
                // As large as the manager's largest replies: a full page of 2,048 long entries is about a megabyte.
                .add(Protocol.LOG_READ, Role.OPERATOR, RequestParams.LogRead.class,
                        (p, c) -> new LogPage(LongStream.range(p.cursor(), p.cursor() + p.limit())
                                .mapToObj(i -> new LogEntry(i, 0, "manager", "x".repeat(450))).toList(),
                                p.cursor() + p.limit()));
        server = new IpcServer(socket, new AccessPolicy("warren", "netdev"), methods, serverLog::add);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void typedCallsAndErrors() {
        try (ManagerClient c = ManagerClient.connect(socket)) {
            assertEquals(Role.ADMIN, c.session().role(), "the test runs as root");
            assertEquals("wg0", ManagerClient.await(c.listTunnels()).getFirst().name());
            assertEquals("[Interface]\n", ManagerClient.await(c.getConfig("wg0")).text());
            RpcException e = assertThrows(RpcException.class, () -> ManagerClient.await(c.getConfig("nope")));
            assertEquals(ErrorCode.NO_SUCH_TUNNEL, e.code());
            RpcException unknown = assertThrows(RpcException.class, () -> ManagerClient.await(c.managerState()));
            assertEquals(ErrorCode.METHOD_NOT_FOUND, unknown.code());
            assertEquals(17, ManagerClient.await(c.readLog(7, 10)).next());
        }
    }

    @Test
    void protocolErrorsKeepTheConnection() throws IOException {
        try (RawConnection raw = new RawConnection(socket)) {
            assertEquals(-32700, code(send(raw, "{not json")));
            assertEquals(-32600, code(send(raw, "[1,2]")));
            assertEquals(-32600, code(send(raw, "{\"id\":1,\"method\":\"tunnels.list\"}")), "jsonrpc missing");
            assertEquals(-32601, code(send(raw, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}")));
            assertEquals(-32602, code(send(raw, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tunnels.get\",\"params\":{\"name\":[1]}}")));
            assertEquals(-32602, code(send(raw, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"log.read\",\"params\":{\"cursor\":\"x\",\"limit\":1}}")));
            assertEquals(-32602, code(send(raw, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tunnels.get\",\"params\":{\"nmae\":\"wg0\"}}")));
            assertEquals(-32602, code(send(raw, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tunnels.get\",\"params\":[\"wg0\"]}")));
            raw.send(new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
            assertEquals(-32700, code(raw.readReply()));

            byte[] huge = new byte[Protocol.MAX_FRAME_BYTES + 10];
            Arrays.fill(huge, (byte) 'a');
            raw.send(huge);
            raw.send("\n".getBytes(StandardCharsets.UTF_8));
            JsonNode tooLarge = json.readTree(raw.readReply());
            assertEquals(-32600, tooLarge.path("error").path("code").asInt());
            assertTrue(tooLarge.path("error").path("message").asText().contains("exceeds the limit"));

            JsonNode ok = json.readTree(send(raw, "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"tunnels.list\"}"));
            assertEquals("x", ok.path("id").asText());
            assertEquals("wg0", ok.path("result").path(0).path("name").asText());
        }
    }

    @Test
    void notificationsReachEveryClientInOrder() throws Exception {
        try (ManagerClient a = ManagerClient.connect(socket); ManagerClient b = ManagerClient.connect(socket)) {
            List<String> seenA = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(2);
            for (ManagerClient c : List.of(a, b)) {
                List<String> seen = c == a ? seenA : new ArrayList<>();
                c.addListener(new ManagerListener() {
                    @Override
                    public void tunnelStateChanged(TunnelStateChange change) {
                        seen.add(change.name() + ":" + change.state() + ":" + change.error());
                    }

                    @Override
                    public void managerStopping() {
                        done.countDown();
                    }
                });
            }
            server.broadcast(Protocol.TUNNEL_STATE_CHANGED, new TunnelStateChange("wg0", TunnelState.ACTIVATING, null));
            server.broadcast(Protocol.TUNNEL_STATE_CHANGED, new TunnelStateChange("wg0", TunnelState.ERROR, "boom"));
            server.broadcast(Protocol.MANAGER_STOPPING, Map.of());
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("wg0:ACTIVATING:null", "wg0:ERROR:boom"), seenA);
        }
    }

    @Test
    void aClientThatNeverReadsIsDroppedAndOthersAreServed() throws Exception {
        try (RawConnection sleeper = new RawConnection(socket); ManagerClient live = ManagerClient.connect(socket)) {
            sleeper.sendLine("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tunnels.list\"}");
            assertTrue(sleeper.readReply().contains("wg0"), "connected and authorised");
            AtomicLong received = new AtomicLong();
            live.addListener(new ManagerListener() {
                @Override
                public void logAppended(List<LogEntry> entries) {
                    received.incrementAndGet();
                }
            });
            // Paced by the reading client, so only the one that never reads falls behind.
            String padding = "x".repeat(200);
            int total = 0;
            for (int batch = 0; batch < 100; batch++) {
                for (int i = 0; i < 100; i++) {
                    server.broadcast(Protocol.LOG_APPENDED,
                            Map.of("entries", List.of(new LogEntry(total++, 0, "manager", padding))));
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (received.get() < total && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertEquals(total, received.get(), "the reading client got every notification");
            }
            assertEquals(1, server.clientCount(), "the client that never read was dropped");
            assertTrue(serverLog.stream().anyMatch(l -> l.contains("stopped reading")), serverLog.toString());
            assertEquals("wg0", ManagerClient.await(live.listTunnels()).getFirst().name());
        }
    }

    /**
     * Replies are queued per client up to a byte budget, not just a frame count: a client asking for megabyte-sized
     * replies without reading them is dropped long before the manager runs out of memory.
     */
    @Test
    void aClientRequestingLargeRepliesWithoutReadingIsDroppedAndOthersAreServed() throws Exception {
        try (RawConnection greedy = new RawConnection(socket); ManagerClient live = ManagerClient.connect(socket)) {
            greedy.sendLine("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tunnels.list\"}");
            assertTrue(greedy.readReply().contains("wg0"), "connected and authorised");
            int requests = 200; // about 200 MB of replies: the old frame-count limit never dropped this client
            for (int i = 1; i <= requests && greedy.channel.isOpen(); i++) {
                try {
                    greedy.sendLine("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"log.read\",\"params\":"
                            + "{\"cursor\":0,\"limit\":2048}}");
                } catch (IOException e) {
                    break; // dropped already
                }
                if (i % 10 == 0) {
                    assertEquals(2048, ManagerClient.await(live.readLog(0, 2048)).entries().size(),
                            "the other client is served meanwhile");
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.clientCount() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, server.clientCount(), "the client that never read was dropped");
            assertTrue(serverLog.stream().anyMatch(l -> l.matches("dropped IPC client \\d+ \\(root\\): it stopped "
                    + "reading \\(\\d+ bytes in \\d+ messages queued\\)")), serverLog.toString());
            assertEquals(2048, ManagerClient.await(live.readLog(0, 2048)).entries().size());
        }
    }

    /**
     * Many clients each staying under their own budget still cannot make the manager hold more than the total: the
     * one with the most unread is dropped, the others stay.
     */
    @Test
    void clientsTogetherCannotQueueMoreThanTheTotalBudget() throws Exception {
        List<RawConnection> greedy = new ArrayList<>();
        try (ManagerClient live = ManagerClient.connect(socket)) {
            for (int i = 0; i < 12; i++) {
                RawConnection g = new RawConnection(socket);
                greedy.add(g);
                assertTrue(send(g, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"tunnels.list\"}").contains("wg0"));
            }
            // Seven replies of about 1 MB each: under one client's 8 MiB, but twelve clients hold more than 64 MiB.
            for (RawConnection g : greedy) {
                for (int i = 1; i <= 7; i++) {
                    g.sendLine("{\"jsonrpc\":\"2.0\",\"id\":" + i + ",\"method\":\"log.read\",\"params\":"
                            + "{\"cursor\":0,\"limit\":2048}}");
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (serverLog.stream().noneMatch(l -> l.contains("the most of any client")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(serverLog.stream().anyMatch(l -> l.matches("dropped IPC client \\d+ \\(root\\): it stopped "
                    + "reading \\(\\d+ bytes queued, the most of any client when all of them had 64 MiB of unread "
                    + "replies\\)")), serverLog.toString());
            assertTrue(serverLog.stream().noneMatch(l -> l.contains("messages queued")), "no client reached its own budget");
            assertTrue(server.clientCount() >= 2, "only the greediest were dropped: " + server.clientCount());
            assertEquals(2048, ManagerClient.await(live.readLog(0, 2048)).entries().size(), "the reading client is served");
        } finally {
            for (RawConnection g : greedy) {
                g.close();
            }
        }
    }

    @Test
    void connectionsOverTheLimitAreRefusedWithAReason() throws Exception {
        List<RawConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < IpcServer.MAX_CONNECTIONS; i++) {
                open.add(new RawConnection(socket));
            }
            try (RawConnection extra = new RawConnection(socket)) {
                JsonNode refusal = json.readTree(extra.readReply());
                assertEquals(ErrorCode.LIMIT_EXCEEDED.code(), refusal.path("error").path("code").asInt());
                assertEquals("the manager already serves 64 connections, its limit; close some clients and try again",
                        refusal.path("error").path("message").asText());
                assertEquals(null, extra.in.readLine(), "then closed");
            }
            assertTrue(serverLog.contains("refused 1 IPC connection(s): 64 are open, the limit (further refusals are "
                    + "logged at most once a minute)"), serverLog.toString());
            JsonNode stillServed = json.readTree(send(open.getFirst(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tunnels.list\"}"));
            assertEquals("wg0", stillServed.path("result").path(0).path("name").asText());

            open.removeLast().close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (server.clientCount() >= IpcServer.MAX_CONNECTIONS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (ManagerClient again = ManagerClient.connect(socket)) {
                assertEquals("wg0", ManagerClient.await(again.listTunnels()).getFirst().name(), "a freed place is reused");
            }
        } finally {
            for (RawConnection c : open) {
                c.close();
            }
        }
    }

    @Test
    void managerNotRunningSaysWhatToDo() throws IOException {
        server.close();
        ManagerUnavailableException e = assertThrows(ManagerUnavailableException.class, () -> ManagerClient.connect(socket));
        assertTrue(e.getMessage().contains("not running") && e.getMessage().contains("warren manager"), e.getMessage());
        assertTrue(!Files.exists(socket));
    }

    @Test
    void secondServerOnALiveSocketIsRefused() {
        IpcServer second = new IpcServer(socket, new AccessPolicy("warren", "netdev"), new MethodTable(), s -> { });
        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().contains("already listening"), e.getMessage());
    }

    @Test
    void pendingCallsFailWhenTheManagerGoes() throws Exception {
        ManagerClient c = ManagerClient.connect(socket);
        CountDownLatch gone = new CountDownLatch(1);
        c.addListener(new ManagerListener() {
            @Override
            public void disconnected(ManagerException cause) {
                gone.countDown();
            }
        });
        server.close();
        assertTrue(gone.await(10, TimeUnit.SECONDS));
        assertThrows(ManagerUnavailableException.class, () -> ManagerClient.await(c.listTunnels()));
    }

    private String send(RawConnection raw, String line) throws IOException {
        raw.sendLine(line);
        return raw.readReply();
    }

    private int code(String reply) throws IOException {
        return json.readTree(reply).path("error").path("code").asInt();
    }
}
