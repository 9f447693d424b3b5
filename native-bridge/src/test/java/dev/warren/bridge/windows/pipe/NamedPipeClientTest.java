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
import org.junit.jupiter.api.Test;

class NamedPipeClientTest {

    private static final String PIPE = NamedPipeAcceptor.MANAGER_PIPE;
    private static final String OPEN = "CreateFileW(" + PIPE + ", 0x12008b, OPEN_EXISTING, "
            + "FILE_FLAG_OVERLAPPED|SECURITY_SQOS_PRESENT|SECURITY_IDENTIFICATION)";
    private final RecordingNamedPipeApi pipes = new RecordingNamedPipeApi();

    /**
     * The manager: LocalSystem owns the pipe and the instance is served from session 0. Nothing touches the server's
     * process or token, which a standard user's client may not open.
     */
    @Test
    void opensOverlappedIdentificationOnlyAndTalksOnlyToAPipeLocalSystemOwnsServedFromSessionZero() throws Exception {
        pipes.send(pipes.server, "{\"jsonrpc\":\"2.0\",\"method\":\"manager.state\"}\n");
        try (IpcConnection c = NamedPipeClient.connect(pipes, PIPE)) {
            assertEquals(List.of(OPEN, "GetSecurityInfo(2304, SE_KERNEL_OBJECT, OWNER_SECURITY_INFORMATION)",
                    "GetNamedPipeServerSessionId(2304)"), pipes.log.calls());
            assertEquals(PipeSecurity.LOCAL_SYSTEM, c.caller().user());
            assertEquals("pipe server in session 0", c.caller().process());
            c.out().write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tunnels.list\"}\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tunnels.list\"}\n", pipes.receivedBy(pipes.server));
            var lines = new BufferedReader(new InputStreamReader(c.in(), StandardCharsets.UTF_8));
            assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"manager.state\"}", lines.readLine());
        }
    }

    @Test
    void aPipeSomebodyElseOwnsIsClosedUntouched() {
        pipes.owner = "S-1-5-21-9-1002";
        var e = assertThrows(IOException.class, () -> NamedPipeClient.connect(pipes, PIPE));
        assertEquals(List.of(OPEN, "GetSecurityInfo(2304, SE_KERNEL_OBJECT, OWNER_SECURITY_INFORMATION)",
                "CloseHandle(2304)"), pipes.log.calls(), "refused on the owner alone");
        assertEquals(PIPE + " is owned by S-1-5-21-9-1002, not LocalSystem, so it is not the Warren manager; nothing "
                + "was sent to it", e.getMessage());
        assertEquals("CloseHandle(2304)", pipes.log.calls().getLast());
        assertEquals("", pipes.receivedBy(pipes.server));
    }

    /**
     * A squatter started from a user's desktop: its instance shares the manager's pipe (so LocalSystem owns it), but
     * it is served from the user's interactive session.
     */
    @Test
    void anInstanceServedFromAnInteractiveSessionIsClosedUntouched() {
        pipes.serverSession = 1;
        var e = assertThrows(IOException.class, () -> NamedPipeClient.connect(pipes, PIPE));
        assertEquals("the instance of " + PIPE + " this client reached is served from session 1, not from the "
                + "services' session 0, so it is not the Warren manager; nothing was sent to it", e.getMessage());
        assertEquals("CloseHandle(2304)", pipes.log.calls().getLast());
        assertEquals("", pipes.receivedBy(pipes.server));
    }

    @Test
    void aServerWhoseSessionCannotBeLearnedIsNotTrusted() {
        pipes.serverSession = null;
        var e = assertThrows(IOException.class, () -> NamedPipeClient.connect(pipes, PIPE));
        assertEquals("could not learn which session serves the instance of " + PIPE + " this client reached "
                + "(GetNamedPipeServerSessionId failed with Win32 error 5), so it is not trusted as the Warren "
                + "manager; nothing was sent to it", e.getMessage());
        assertEquals("GetNamedPipeServerSessionId", ((WindowsApiException) e.getCause()).function());
        assertEquals("CloseHandle(2304)", pipes.log.calls().getLast());
        assertEquals("", pipes.receivedBy(pipes.server));
    }

    @Test
    void noPipeMeansTheManagerIsNotRunning() {
        pipes.openFailures.add(WindowsApiException.ERROR_FILE_NOT_FOUND);
        var e = assertThrows(IOException.class, () -> NamedPipeClient.connect(pipes, PIPE));
        assertTrue(e.getMessage().startsWith("the Warren manager is not running"), e.getMessage());
    }

    @Test
    void aBusyPipeIsWaitedForAFewTimes() throws Exception {
        pipes.openFailures.add(NamedPipeClient.ERROR_PIPE_BUSY);
        NamedPipeClient.connect(pipes, PIPE).close();
        assertEquals(List.of(OPEN, "WaitNamedPipeW(" + PIPE + ", 2000)", OPEN), pipes.log.calls().subList(0, 3));
        pipes.log.clear();
        for (int i = 0; i < NamedPipeClient.BUSY_ATTEMPTS; i++) {
            pipes.openFailures.add(NamedPipeClient.ERROR_PIPE_BUSY);
        }
        var e = assertThrows(WindowsApiException.class, () -> NamedPipeClient.connect(pipes, PIPE));
        assertEquals(NamedPipeClient.ERROR_PIPE_BUSY, e.code());
        assertEquals(NamedPipeClient.BUSY_ATTEMPTS, pipes.log.callsTo("CreateFileW").size());
    }
}
