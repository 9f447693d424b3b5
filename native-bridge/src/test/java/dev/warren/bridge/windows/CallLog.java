package dev.warren.bridge.windows;

import java.util.ArrayList;
import java.util.List;

/** The ordered record of Win32 calls a recording fake received, each as {@code Function(arg, arg, ...)}. */
public final class CallLog {

    private final List<String> calls = new ArrayList<>();

    public synchronized void add(String function, Object... args) {
        StringBuilder b = new StringBuilder(function).append('(');
        for (int i = 0; i < args.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(args[i]);
        }
        calls.add(b.append(')').toString());
    }

    public synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls whose function name is {@code function}. */
    public synchronized List<String> callsTo(String function) {
        return calls.stream().filter(c -> c.startsWith(function + "(")).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }
}
