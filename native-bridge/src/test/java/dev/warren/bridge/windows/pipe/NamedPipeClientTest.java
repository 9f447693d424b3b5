package dev.warren.bridge.windows.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.ipc.IpcConnection;
import dev.warren.bridge.windows.WindowsApiException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NamedPipeClientTest {

    private static final String PIPE = NamedPipeAcceptor.MANAGER_PIPE;
    private static final String OPEN = "CreateFileW(" + PIPE + ", 0x12008b, OPEN_EXISTING, "
            + "FILE_FLAG_OVERLAPPED|SECURITY_SQOS_PRESENT|SECURITY_IDENTIFICATION)";
    private static final int MANAGER_PID = 4711;
    private static final int SQUATTER_PID = 6666;

    private final RecordingNamedPipeApi pipes = new RecordingNamedPipeApi();
    private final RecordingTokenApi tokens = new RecordingTokenApi();

    @BeforeEach
    void manager() {
        tokens.processes.put(MANAGER_PID, new RecordingTokenApi.Token(PipeSecurity.LOCAL_SYSTEM, true, Set.of()));
    }

    @Test
    void opensOverlappedIdentificationOnlyAndTalksOnlyToAPipeLocalSystemOwns() throws Exception {
        pipes.send(pipes.server, "{\"jsonrpc\":\"2.0\",\"method\":\"manager.state\"}\n");
        try (IpcConnection c = NamedPipeClient.connect(pipes, tokens, PIPE)) {
            assertEquals(List.of(OPEN, "GetSecurityInfo(2304, SE_KERNEL_OBJECT, OWNER_SECURITY_INFORMATION)",
                    "GetNamedPipeServerProcessId(2304)"), pipes.log.calls());
            assertEquals(List.of("OpenProcessToken(4711)", "GetTokenInformation(primary#1792, TokenUser)",
                    "CloseHandle(primary#1792)"), tokens.log.calls());
            assertEquals(PipeSecurity.LOCAL_SYSTEM, c.caller().user());
            c.out().write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tunnels.list\"}\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tunnels.list\"}\n", pipes.receivedBy(pipes.server));
            var lines = new BufferedReader(new InputStreamReader(c.in(), StandardCharsets.UTF_8));
            assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"manager.state\"}", lines.readLine());
        }
    }

    @Test
    void aPipeSomebodyElseOwnsIsClosedUntouched() {
        pipes.owner = "S-1-5-21-9-1002";
        var e = assertThrows(IOException.class, () -> NamedPipeClient.connect(pipes, tokens, PIPE));
        assertEquals(PIPE + " is owned by S-1-5-21-9-1002, not LocalSystem, so it is not the Warren manager; nothing "
                + "was sent to it", e.getMessage());
        assertEquals("CloseHandle(2304)", pipes.log.calls().getLast());
        assertEquals("", pipes.receivedBy(pipes.server));
    }

    /**
     * The squatter an operator could be before the DACL fix: its instance shares the manager's pipe (so LocalSystem
     * owns it), but the process serving it runs as the operator.
     */
    @Test
    void anInstanceServedByAProcessThatIsNotLocalSystemIsClosedUntouched() {
        pipes.serverPid = SQUATTER_PID;
        tokens.processes.put(SQUATTER_PID, new RecordingTokenApi.Token("S-1-5-21-9-1002", false, Set.of()));
        var e = assertThrows(IOException.class, () -> NamedPipeClient.connect(pipes, tokens, PIPE));
        assertEquals("the instance of " + PIPE + " this client reached is served by process 6666 running as "
                + "S-1-5-21-9-1002, not LocalSystem, so it is not the Warren manager; nothing was sent to it",
                e.getMessage());
        assertEquals("CloseHandle(2304)", pipes.log.calls().getLast());
        assertEquals(Set.of(), tokens.open(), "the server's token is closed");
        assertEquals("", pipes.receivedBy(pipes.server));
    }

    @Test
    void aServerWhoseTokenCannotBeReadIsNotTrusted() {
        pipes.serverPid = SQUATTER_PID;
        var e = assertThrows(WindowsApiException.class, () -> NamedPipeClient.connect(pipes, tokens, PIPE));
        assertEquals("OpenProcess", e.function());
        assertEquals("CloseHandle(2304)", pipes.log.calls().getLast());
    }

    @Test
    void noPipeMeansTheManagerIsNotRunning() {
        pipes.openFailures.add(WindowsApiException.ERROR_FILE_NOT_FOUND);
        var e = assertThrows(IOException.class, () -> NamedPipeClient.connect(pipes, tokens, PIPE));
        assertTrue(e.getMessage().startsWith("the Warren manager is not running"), e.getMessage());
    }

    @Test
    void aBusyPipeIsWaitedForAFewTimes() throws Exception {
        pipes.openFailures.add(NamedPipeClient.ERROR_PIPE_BUSY);
        NamedPipeClient.connect(pipes, tokens, PIPE).close();
        assertEquals(List.of(OPEN, "WaitNamedPipeW(" + PIPE + ", 2000)", OPEN), pipes.log.calls().subList(0, 3));
        pipes.log.clear();
        for (int i = 0; i < NamedPipeClient.BUSY_ATTEMPTS; i++) {
            pipes.openFailures.add(NamedPipeClient.ERROR_PIPE_BUSY);
        }
        var e = assertThrows(WindowsApiException.class, () -> NamedPipeClient.connect(pipes, tokens, PIPE));
        assertEquals(NamedPipeClient.ERROR_PIPE_BUSY, e.code());
        assertEquals(NamedPipeClient.BUSY_ATTEMPTS, pipes.log.callsTo("CreateFileW").size());
    }
}
