package dev.warren.bridge.windows.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.windows.WindowsApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsServiceInstallerTest {

    private static final String EXE = "C:\\Program Files\\Warren\\Warren.exe";
    private final RecordingServiceControlManager scm = new RecordingServiceControlManager();
    private final WindowsServiceInstaller installer = new WindowsServiceInstaller(scm, Duration.ZERO);

    @Test
    void installCreatesAnAutoStartLocalSystemServiceConfiguresAndStartsIt() throws Exception {
        installer.install(WindowsServiceInstaller.managerService(EXE));
        assertEquals(List.of(
                "OpenSCManagerW(0x3)",
                "OpenServiceW(scm, WarrenManager, 0x10004)",
                "CreateServiceW(scm, WarrenManager, Warren Manager, type=0x10, start=2, error=1, \"" + EXE
                        + "\" manager --service, deps=[Nsi, TcpIp], account=LocalSystem)",
                "ChangeServiceConfig2W(WarrenManager, SERVICE_CONFIG_DESCRIPTION, Runs Warren's WireGuard tunnels "
                        + "and serves the Warren app and command line.)",
                "ChangeServiceConfig2W(WarrenManager, SERVICE_CONFIG_FAILURE_ACTIONS, reset=86400, "
                        + "restart=[1000, 5000, 30000])",
                "ChangeServiceConfig2W(WarrenManager, SERVICE_CONFIG_SERVICE_SID_INFO, sidType=1)",
                "StartServiceW(WarrenManager)",
                "CloseServiceHandle(WarrenManager)",
                "CloseServiceHandle(scm)"), scm.log.calls());
    }

    @Test
    void binaryPathIsQuotedSoASpaceInProgramFilesCannotBeHijacked() {
        assertEquals("\"C:\\Program Files\\Warren\\Warren.exe\" manager --service",
                WindowsServiceInstaller.managerService(EXE).binaryPathName());
        assertThrows(IllegalArgumentException.class, () -> new ServiceConfig("WarrenManager", "d", "d", EXE,
                List.of("--name", "two words"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ServiceConfig("WarrenManager", "d", "d",
                "Warren.exe", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ServiceConfig("WarrenManager", "d", "d",
                "C:\\Warren\" --evil", List.of(), List.of()));
    }

    @Test
    void aStoppedOldRegistrationIsReplacedAfterItIsGone() throws Exception {
        scm.states.put("WarrenManager", Winsvc.SERVICE_STOPPED);
        scm.failNext("OpenServiceW", 0, WindowsApiException.ERROR_SERVICE_MARKED_FOR_DELETE);
        installer.install(WindowsServiceInstaller.managerService(EXE));
        List<String> calls = scm.log.calls();
        assertEquals(List.of(
                "OpenSCManagerW(0x3)",
                "OpenServiceW(scm, WarrenManager, 0x10004)",
                "QueryServiceStatus(WarrenManager)",
                "DeleteService(WarrenManager)",
                "CloseServiceHandle(WarrenManager)",
                "OpenServiceW(scm, WarrenManager, 0x4)",
                "OpenServiceW(scm, WarrenManager, 0x4)"), calls.subList(0, 7),
                "waits while the old one is marked for deletion, until it no longer exists");
        assertTrue(calls.get(7).startsWith("CreateServiceW("), calls.get(7));
    }

    @Test
    void aRunningServiceIsNeverReplaced() {
        scm.states.put("WarrenManager", Winsvc.SERVICE_RUNNING);
        var e = assertThrows(IOException.class, () -> installer.install(WindowsServiceInstaller.managerService(EXE)));
        assertEquals("service WarrenManager is already installed and running; run 'warren manager --uninstall' "
                + "first", e.getMessage());
        assertEquals(List.of(), scm.log.callsTo("DeleteService"));
        assertEquals(List.of(), scm.log.callsTo("CreateServiceW"));
    }

    @Test
    void aFailedConfigurationDeletesTheHalfInstalledService() {
        scm.failNext("ChangeServiceConfig2W", 0, WindowsApiException.ERROR_ACCESS_DENIED);
        assertThrows(WindowsApiException.class, () -> installer.install(WindowsServiceInstaller.managerService(EXE)));
        assertEquals(List.of("DeleteService(WarrenManager)"), scm.log.callsTo("DeleteService"));
        assertEquals(List.of(), scm.log.callsTo("StartServiceW"));
        List<String> calls = scm.log.calls();
        assertEquals(List.of("CloseServiceHandle(WarrenManager)", "CloseServiceHandle(scm)"),
                calls.subList(calls.size() - 2, calls.size()));
    }

    @Test
    void uninstallStopsAndDeletes() throws Exception {
        scm.states.put("WarrenManager", Winsvc.SERVICE_RUNNING);
        installer.uninstall("WarrenManager");
        assertEquals(List.of(
                "OpenSCManagerW(0x1)",
                "OpenServiceW(scm, WarrenManager, 0x10024)",
                "ControlService(WarrenManager, 1)",
                "DeleteService(WarrenManager)",
                "CloseServiceHandle(WarrenManager)",
                "CloseServiceHandle(scm)"), scm.log.calls());
    }

    @Test
    void uninstallOfAStoppedServiceDeletesItAndOfAMissingOneSaysSo() throws Exception {
        scm.states.put("WarrenManager", Winsvc.SERVICE_STOPPED);
        scm.failNext("ControlService", WindowsApiException.ERROR_SERVICE_NOT_ACTIVE);
        installer.uninstall("WarrenManager");
        assertEquals(List.of("DeleteService(WarrenManager)"), scm.log.callsTo("DeleteService"));
        var e = assertThrows(IOException.class, () -> installer.uninstall("WarrenManager"));
        assertEquals("service WarrenManager is not installed", e.getMessage());
    }
}
