package dev.warren.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.windows.service.RecordingServiceControlManager;
import dev.warren.bridge.windows.service.WindowsServiceHost;
import dev.warren.bridge.windows.service.WindowsServiceInstaller;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code warren manager --install | --uninstall} down to the SCM calls, through the recording SCM. */
class ManagerServiceInstallTest {

    private static final String EXE = "C:\\Program Files\\Warren\\warren-cli.exe";

    private final RecordingServiceControlManager scm = new RecordingServiceControlManager();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(boolean windows, Optional<String> executable, String... args) {
        WindowsServicePlumbing plumbing = new WindowsServicePlumbing() {
            @Override
            public boolean available() {
                return windows;
            }

            @Override
            public WindowsServiceInstaller installer() {
                return new WindowsServiceInstaller(scm);
            }

            @Override
            public WindowsServiceHost host(WindowsServiceHost.Body body) {
                throw new AssertionError("no service is run here");
            }

            @Override
            public void resumedFromSleep() {
                throw new AssertionError("no service is run here");
            }

            @Override
            public Optional<String> executable() {
                return executable;
            }
        };
        CommandLine cli = new CommandLine(new ManagerCommand(plumbing));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void installRegistersTheRunningLauncherAsAnAutoStartLocalSystemServiceRunningManagerService() {
        assertEquals(0, run(true, Optional.of(EXE), "--install"), err.toString());
        assertEquals("CreateServiceW(scm, WarrenManager, Warren Manager, type=0x10, start=2, error=1, \"" + EXE
                + "\" manager --service, deps=[Nsi, TcpIp], account=LocalSystem)", scm.log.callsTo("CreateServiceW")
                .getFirst(), "own process, SERVICE_AUTO_START, the executable quoted");
        assertEquals(List.of("StartServiceW(WarrenManager)"), scm.log.callsTo("StartServiceW"));
        assertEquals("Installed and started the WarrenManager service (\"" + EXE + "\" manager --service).",
                out.toString().strip());
    }

    @Test
    void uninstallStopsAndDeletesTheService() {
        scm.states.put(WindowsServiceInstaller.MANAGER_SERVICE, 4);
        assertEquals(0, run(true, Optional.of(EXE), "--uninstall"), err.toString());
        assertEquals(List.of("ControlService(WarrenManager, 1)"), scm.log.callsTo("ControlService"));
        assertEquals(List.of("DeleteService(WarrenManager)"), scm.log.callsTo("DeleteService"));
    }

    @Test
    void installFromJavaJarHasNoLauncherToRegisterAndSaysSo() {
        assertEquals(1, run(true, Optional.empty(), "--install"));
        assertTrue(err.toString().contains("run it elevated from the installed Warren"), err.toString());
        assertEquals(List.of(), scm.log.calls());
    }

    @Test
    void theServiceOptionsAreRefusedOffWindowsAndAreMutuallyExclusive() {
        assertEquals(1, run(false, Optional.of(EXE), "--uninstall"));
        assertTrue(err.toString().contains("are for Windows"), err.toString());
        assertEquals(2, run(true, Optional.of(EXE), "--install", "--uninstall"), "picocli's usage error");
        assertEquals(List.of(), scm.log.calls());
    }
}
