package dev.warren.app.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warren.bridge.ipc.Role;
import dev.warren.bridge.windows.pipe.CallerAuthorizer;
import dev.warren.bridge.windows.pipe.NamedPipeAcceptor;
import dev.warren.bridge.windows.pipe.PipeSecurity;
import dev.warren.bridge.windows.pipe.RecordingNamedPipeApi;
import dev.warren.bridge.windows.pipe.RecordingTokenApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSON-RPC server on the Windows transport: the real {@link NamedPipeAcceptor} and {@link CallerAuthorizer} over
 * the recording pipe and token fakes, so that a pipe client's token decides its session's role exactly as a Unix
 * socket peer's credentials do on Linux.
 */
class NamedPipeTransportTest {

    private static final String ADMIN_SID = "S-1-5-21-9-1001";
    private static final String OPERATOR_SID = "S-1-5-21-9-1003";
    private static final String STRANGER_SID = "S-1-5-21-9-1002";

    private final RecordingNamedPipeApi pipes = new RecordingNamedPipeApi();
    private final RecordingTokenApi tokens = new RecordingTokenApi();
    private final List<String> serverLog = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private IpcServer server;

    @BeforeEach
    void start() throws Exception {
        tokens.processes.put(100, new RecordingTokenApi.Token(ADMIN_SID, true, Set.of(PipeSecurity.ADMINISTRATORS)));
        tokens.processes.put(200, new RecordingTokenApi.Token(STRANGER_SID, false, Set.of("S-1-5-32-545")));
        tokens.processes.put(300, new RecordingTokenApi.Token(OPERATOR_SID, false,
                Set.of(PipeSecurity.NETWORK_CONFIGURATION_OPERATORS)));
        MethodTable methods = new MethodTable()
                .add(Protocol.SESSION_INFO, Role.OPERATOR, RequestParams.None.class,
                        (p, c) -> new SessionInfo(c.user(), c.role(), "test"))
                .add(Protocol.MANAGER_QUIT, Role.ADMIN, RequestParams.None.class, (p, c) -> "bye");
        server = new IpcServer(() -> NamedPipeAcceptor.open(pipes,
                new CallerAuthorizer(tokens, PipeSecurity.NETWORK_CONFIGURATION_OPERATORS), NamedPipeAcceptor.MANAGER_PIPE),
                methods, serverLog::add);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final String REQUESTS = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"session.info\"}\n"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"manager.quit\"}\n";

    /** The frames the server wrote to {@code client}, once there are {@code count}, by id (notifications skipped). */
    private List<JsonNode> replies(RecordingNamedPipeApi.Client client, int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<JsonNode> frames = new ArrayList<>();
            for (String line : pipes.receivedBy(client).split("\n")) {
                if (!line.isBlank()) {
                    frames.add(json.readTree(line));
                }
            }
            if (frames.size() >= count) {
                frames.sort((a, b) -> Integer.compare(a.path("id").asInt(), b.path("id").asInt()));
                return frames;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server wrote only " + frames);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void anOperatorsTokenGivesAnOperatorSessionThatCannotCallAdminMethods() throws Exception {
        var client = new RecordingNamedPipeApi.Client(300, REQUESTS);
        pipes.connectClient(client);
        List<JsonNode> r = replies(client, 2);
        assertEquals(OPERATOR_SID, r.get(0).path("result").path("user").asText());
        assertEquals("OPERATOR", r.get(0).path("result").path("role").asText());
        assertEquals(ErrorCode.FORBIDDEN.code(), r.get(1).path("error").path("code").asInt());
        assertEquals("'manager.quit' needs the admin role; run Warren as an administrator (elevated)",
                r.get(1).path("error").path("message").asText());
    }

    @Test
    void anElevatedAdministratorsTokenGivesAnAdminSession() throws Exception {
        var client = new RecordingNamedPipeApi.Client(100, REQUESTS);
        pipes.connectClient(client);
        List<JsonNode> r = replies(client, 2);
        assertEquals("ADMIN", r.get(0).path("result").path("role").asText());
        assertEquals("bye", r.get(1).path("result").asText());
    }

    @Test
    void aStrangerIsToldWhichGroupLetsItInAndDisconnected() throws Exception {
        var stranger = new RecordingNamedPipeApi.Client(200, REQUESTS);
        pipes.connectClient(stranger);
        List<JsonNode> r = replies(stranger, 1);
        assertEquals(ErrorCode.ACCESS_REFUSED.code(), r.getFirst().path("error").path("code").asInt());
        assertEquals("The account " + STRANGER_SID + " may not use the Warren manager: ask an administrator to add it "
                + "to the operator group (S-1-5-32-556) to start and stop tunnels, or run Warren as an administrator "
                + "(elevated) for everything.", r.getFirst().path("error").path("message").asText());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (pipes.log.callsTo("CloseHandle").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of("CloseHandle(2304)"), pipes.log.callsTo("CloseHandle"), "the refused pipe is closed");
        assertTrue(serverLog.contains("refused IPC connection from user " + STRANGER_SID + " (pid 200)"), serverLog.toString());
        assertEquals(0, server.clientCount());
    }
}
