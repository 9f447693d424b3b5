package dev.warren.bridge.windows.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcConnection;
import dev.warren.bridge.ipc.Role;
import dev.warren.bridge.windows.WindowsApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NamedPipeAcceptorTest {

    private static final String SDDL = "O:SYG:SYD:P(A;;GA;;;SY)(A;;GA;;;BA)(A;;0x0012019B;;;S-1-5-32-556)";
    private static final String FIRST = "CreateNamedPipeW(\\\\.\\pipe\\Warren\\Manager, 0x40080003, 0x8, 255, 65536, "
            + "65536, " + SDDL + ")";
    private static final String NEXT = "CreateNamedPipeW(\\\\.\\pipe\\Warren\\Manager, 0x40000003, 0x8, 255, 65536, "
            + "65536, " + SDDL + ")";

    private final RecordingNamedPipeApi pipes = new RecordingNamedPipeApi();
    private final RecordingTokenApi tokens = new RecordingTokenApi();
    private final CallerAuthorizer authorizer = new CallerAuthorizer(tokens, PipeSecurity.NETWORK_CONFIGURATION_OPERATORS);

    {
        tokens.processes.put(100, new RecordingTokenApi.Token("S-1-5-21-9-1001", true, Set.of(PipeSecurity.ADMINISTRATORS)));
        tokens.processes.put(200, new RecordingTokenApi.Token("S-1-5-21-9-1002", false, Set.of("S-1-5-32-545")));
        tokens.processes.put(300, new RecordingTokenApi.Token("S-1-5-21-9-1003", false,
                Set.of(PipeSecurity.NETWORK_CONFIGURATION_OPERATORS)));
    }

    private NamedPipeAcceptor open() throws IOException {
        return NamedPipeAcceptor.open(pipes, authorizer, NamedPipeAcceptor.MANAGER_PIPE);
    }

    @Test
    void firstInstanceIsExclusiveOverlappedDuplexByteModeLocalOnlyWithTheSddl() throws Exception {
        NamedPipeAcceptor acceptor = open();
        assertEquals(List.of(FIRST), pipes.log.calls());
        acceptor.close();
        assertEquals(List.of(FIRST, "CloseHandle(2304)"), pipes.log.calls(), "closing an idle acceptor closes it");
    }

    @Test
    void anAdminIsAcceptedAfterTheNextInstanceIsReadyAndTheStreamsCarryLines() throws Exception {
        try (NamedPipeAcceptor acceptor = open()) {
            var client = new RecordingNamedPipeApi.Client(100, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list\"}\n");
            pipes.connectClient(client);
            IpcConnection c = acceptor.accept();
            assertEquals(new CallerIdentity("S-1-5-21-9-1001", "pid 100, elevated", Optional.of(Role.ADMIN)), c.caller());
            assertEquals(List.of(FIRST, "ConnectNamedPipe(2304)", NEXT, "GetNamedPipeClientProcessId(2304)"),
                    pipes.log.calls());
            var lines = new BufferedReader(new InputStreamReader(c.in(), StandardCharsets.UTF_8));
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"list\"}", lines.readLine());
            c.out().write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}\n", client.fromServer.toString(StandardCharsets.UTF_8));
            client.hungUp = true;
            assertEquals(null, lines.readLine(), "the client's hang-up is end of stream");
            c.close();
            List<String> calls = pipes.log.calls();
            assertEquals(List.of("CancelIoEx(2304)", "CloseHandle(2304)"), calls.subList(calls.size() - 2, calls.size()),
                    "no DisconnectNamedPipe, which would discard what the client has not read yet");
        }
    }

    @Test
    void refusedClientsAreReturnedWithoutARoleSoTheyCanBeToldWhy() throws Exception {
        try (NamedPipeAcceptor acceptor = open()) {
            pipes.connectClient(new RecordingNamedPipeApi.Client(200, ""));
            pipes.connectClient(new RecordingNamedPipeApi.Client(999, ""));
            pipes.connectClient(new RecordingNamedPipeApi.Client(300, ""));
            IpcConnection stranger = acceptor.accept();
            assertEquals(new CallerIdentity("S-1-5-21-9-1002", "pid 200", Optional.empty()), stranger.caller(),
                    "a non-elevated non-operator");
            assertTrue(acceptor.refusal(stranger.caller()).startsWith("The account S-1-5-21-9-1002 may not use"));
            stranger.close();
            IpcConnection unreadable = acceptor.accept();
            assertEquals(Optional.empty(), unreadable.caller().role(), "no readable token");
            assertEquals("?", unreadable.caller().user());
            unreadable.close();
            IpcConnection operator = acceptor.accept();
            assertEquals(Optional.of(Role.OPERATOR), operator.caller().role());
            assertEquals("pid 300", operator.caller().process());
            assertEquals(List.of(FIRST,
                    "ConnectNamedPipe(2304)", NEXT, "GetNamedPipeClientProcessId(2304)",
                    "CancelIoEx(2304)", "CloseHandle(2304)",
                    "ConnectNamedPipe(2305)", NEXT, "GetNamedPipeClientProcessId(2305)",
                    "CancelIoEx(2305)", "CloseHandle(2305)",
                    "ConnectNamedPipe(2306)", NEXT, "GetNamedPipeClientProcessId(2306)"), pipes.log.calls());
            assertEquals("run Warren as an administrator (elevated)", acceptor.adminHint());
        }
    }

    @Test
    void closeWakesABlockedAcceptWhichReturnsNull() throws Exception {
        NamedPipeAcceptor acceptor = open();
        CompletableFuture<IpcConnection> accept = CompletableFuture.supplyAsync(() -> {
            try {
                return acceptor.accept();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        while (pipes.log.callsTo("ConnectNamedPipe").isEmpty()) {
            Thread.sleep(5);
        }
        acceptor.close();
        assertNull(accept.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(FIRST, "ConnectNamedPipe(2304)", "CancelIoEx(2304)", "CloseHandle(2304)"),
                pipes.log.calls());
        assertNull(acceptor.accept());
    }

    @Test
    void closingAConnectionMakesABlockedReadReturnEndOfStream() throws Exception {
        try (NamedPipeAcceptor acceptor = open()) {
            pipes.connectClient(new RecordingNamedPipeApi.Client(100, ""));
            IpcConnection c = acceptor.accept();
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.in().read(new byte[16]);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(50);
            c.close();
            assertEquals(-1, read.get(10, TimeUnit.SECONDS));
            assertThrows(IOException.class, () -> c.out().write(1));
        }
    }

    @Test
    void whenTheNextInstanceCannotBeCreatedTheClientIsDroppedAndTheNextAcceptRetries() throws Exception {
        try (NamedPipeAcceptor acceptor = open()) {
            pipes.connectClient(new RecordingNamedPipeApi.Client(100, ""));
            pipes.failCreateWith = 1450;
            var e = assertThrows(WindowsApiException.class, acceptor::accept);
            assertEquals(1450, e.code());
            assertEquals(List.of(FIRST, "ConnectNamedPipe(2304)", NEXT, "DisconnectNamedPipe(2304)",
                    "CloseHandle(2304)"), pipes.log.calls());
            pipes.failCreateWith = null;
            pipes.connectClient(new RecordingNamedPipeApi.Client(300, ""));
            assertEquals(Optional.of(Role.OPERATOR), acceptor.accept().caller().role());
            assertEquals(List.of(NEXT, "ConnectNamedPipe(2305)", NEXT, "GetNamedPipeClientProcessId(2305)"),
                    pipes.log.calls().subList(5, 9));
        }
    }

    @Test
    void aPipeNameOwnedByAnotherProcessIsAClearError() {
        pipes.failCreateWith = WindowsApiException.ERROR_ACCESS_DENIED;
        var e = assertThrows(IOException.class, this::open);
        assertEquals("\\\\.\\pipe\\Warren\\Manager is already in use by another process; is another Warren manager "
                + "running?", e.getMessage());
    }
}
