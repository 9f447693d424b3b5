package dev.warren.bridge.windows.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc.SC_ACTION;
import com.sun.jna.platform.win32.Winsvc.SC_HANDLE;
import com.sun.jna.platform.win32.Winsvc.SERVICE_DESCRIPTION;
import com.sun.jna.platform.win32.Winsvc.SERVICE_FAILURE_ACTIONS;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JnaServiceControlManager} against a recording stand-in for jna-platform's advapi32 binding. */
class JnaServiceControlManagerTest {

    private final List<Object[]> calls = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private final Advapi32 advapi32 = (Advapi32) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Advapi32.class}, (proxy, method, args) -> {
                names.add(method.getName());
                calls.add(args);
                if (method.getReturnType() == SC_HANDLE.class) {
                    SC_HANDLE h = new SC_HANDLE();
                    h.setPointer(new Pointer(0x1234));
                    return h;
                }
                return method.getReturnType() == boolean.class ? true : null;
            });
    private final JnaServiceControlManager scm = new JnaServiceControlManager(advapi32);

    @Test
    void createServicePassesLocalSystemAndADoubleNulTerminatedDependencyList() throws Exception {
        long h = scm.createService(0x99, "WarrenManager", "Warren Manager", Winsvc.SERVICE_WIN32_OWN_PROCESS,
                Winsvc.SERVICE_AUTO_START, Winsvc.SERVICE_ERROR_NORMAL, "\"C:\\W\\Warren.exe\" manager --service",
                List.of("Nsi", "TcpIp"));
        assertEquals(0x1234, h);
        Object[] a = calls.getFirst();
        assertEquals("CreateService", names.getFirst());
        assertEquals(0x99L, Pointer.nativeValue(((SC_HANDLE) a[0]).getPointer()));
        assertEquals("WarrenManager", a[1]);
        assertEquals("Warren Manager", a[2]);
        assertEquals(0xF01FF, a[3], "SERVICE_ALL_ACCESS");
        assertEquals(0x10, a[4]);
        assertEquals(2, a[5]);
        assertEquals(1, a[6]);
        assertEquals("\"C:\\W\\Warren.exe\" manager --service", a[7]);
        assertEquals("Nsi\0TcpIp\0", a[10], "JNA appends the final NUL: Nsi\\0TcpIp\\0\\0");
        assertEquals(null, a[11], "no account: LocalSystem");
        assertEquals(null, a[12], "no password");
    }

    @Test
    void failureActionsAreOneRestartPerDelay() throws Exception {
        scm.changeFailureActions(0x55, 86_400, List.of(1_000, 5_000, 30_000));
        Object[] a = calls.getFirst();
        assertEquals(Winsvc.SERVICE_CONFIG_FAILURE_ACTIONS, a[1]);
        var info = (SERVICE_FAILURE_ACTIONS) a[2];
        assertEquals(86_400, info.dwResetPeriod);
        assertEquals(3, info.cActions);
        SC_ACTION[] actions = (SC_ACTION[]) info.lpsaActions.toArray(3);
        for (int i = 0; i < 3; i++) {
            actions[i].read();
            assertEquals(Winsvc.SC_ACTION_RESTART, actions[i].type);
        }
        assertEquals(List.of(1_000, 5_000, 30_000), List.of(actions[0].delay, actions[1].delay, actions[2].delay));
    }

    @Test
    void sidTypeAndDescription() throws Exception {
        scm.changeSidType(0x55, Winsvc.SERVICE_SID_TYPE_UNRESTRICTED);
        scm.changeDescription(0x55, "Runs Warren");
        assertEquals(Winsvc.SERVICE_CONFIG_SERVICE_SID_INFO, calls.get(0)[1]);
        assertEquals(1, ((JnaServiceControlManager.ServiceSidInfo) calls.get(0)[2]).dwServiceSidType);
        assertEquals(Winsvc.SERVICE_CONFIG_DESCRIPTION, calls.get(1)[1]);
        assertEquals("Runs Warren", ((SERVICE_DESCRIPTION) calls.get(1)[2]).lpDescription);
    }
}
