package dev.warren.bridge.windows.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc.HandlerEx;
import com.sun.jna.platform.win32.Winsvc.SERVICE_STATUS_HANDLE;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JnaServiceDispatcher}'s handler registration against a stand-in for jna-platform's advapi32. */
class JnaServiceDispatcherTest {

    private HandlerEx registered;

    private final Advapi32 advapi32 = (Advapi32) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Advapi32.class}, (proxy, method, args) -> {
                if (method.getName().equals("RegisterServiceCtrlHandlerEx")) {
                    assertEquals("WarrenManager", args[0]);
                    registered = (HandlerEx) args[1];
                    return new SERVICE_STATUS_HANDLE(new Pointer(0x55));
                }
                throw new AssertionError("unexpected " + method.getName());
            });

    @Test
    void theHandlerGetsEachControlWithItsEventTypeAndItsAnswerGoesBack() throws Exception {
        List<String> seen = new ArrayList<>();
        long handle = new JnaServiceDispatcher(advapi32).registerHandler("WarrenManager", (control, eventType) -> {
            seen.add(control + "/" + eventType);
            return control == Winsvc.SERVICE_CONTROL_POWEREVENT ? Winsvc.NO_ERROR : Winsvc.ERROR_CALL_NOT_IMPLEMENTED;
        });
        assertEquals(0x55, handle);
        assertEquals(Winsvc.NO_ERROR,
                registered.callback(Winsvc.SERVICE_CONTROL_POWEREVENT, Winsvc.PBT_APMRESUMEAUTOMATIC, null, null));
        assertEquals(Winsvc.ERROR_CALL_NOT_IMPLEMENTED,
                registered.callback(Winsvc.SERVICE_CONTROL_PARAMCHANGE, 0, null, null));
        assertEquals(List.of("13/18", "6/0"), seen);
    }
}
