package dev.warren.bridge.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * Stand-ins for JNA library bindings (plain Java interfaces), so that the {@code Jna*} classes run on Linux: every
 * call is logged by export name; a scripted step decides the outcome of the next call to its export (and may set
 * the thread's last error through JNA, where {@code Native.getLastError()} reads it); unscripted calls succeed
 * ({@code true}, 0, a dummy handle {@link #HANDLE}).
 */
public final class ScriptedBinding {

    public static final long HANDLE = 0x77;

    public final List<String> log = new ArrayList<>();
    private final Deque<Step> script = new ArrayDeque<>();

    private record Step(String export, Function<Object[], Object> outcome) {
    }

    /** The outcome of the next call to {@code export}, computed from its arguments. */
    public void when(String export, Function<Object[], Object> outcome) {
        script.add(new Step(export, outcome));
    }

    public <T> T of(Class<T> binding) {
        return binding.cast(Proxy.newProxyInstance(binding.getClassLoader(), new Class<?>[] {binding},
                (proxy, method, args) -> call(method, args == null ? new Object[0] : args)));
    }

    private synchronized Object call(Method m, Object[] args) {
        log.add(m.getName());
        Step next = script.peek();
        if (next != null && next.export().equals(m.getName())) {
            return script.poll().outcome().apply(args);
        }
        Native.setLastError(0);
        Class<?> r = m.getReturnType();
        if (r == boolean.class) {
            return true;
        }
        if (r == int.class) {
            return 0;
        }
        return r == Pointer.class ? new Pointer(HANDLE) : null;
    }

    /** A failing BOOL call: sets the last error, returns FALSE. */
    public static Object fail(int lastError) {
        Native.setLastError(lastError);
        return false;
    }

    /** A failing handle/pointer call: sets the last error, returns NULL. */
    public static Object failNull(int lastError) {
        Native.setLastError(lastError);
        return null;
    }

    /** Whether every scripted step was used. */
    public synchronized boolean scriptUsedUp() {
        return script.isEmpty();
    }
}
