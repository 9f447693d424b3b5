package dev.warren.app.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the processes that outlive {@code warren demo}: each in a session of its own, so that neither a terminal
 * hang-up nor Ctrl+C in it reaches them, with its output appended to a log file. {@code setsid} (the child of a
 * JVM is never a process-group leader, so it does not fork) and {@code ip netns exec} both exec, so the PID is the
 * program's own and can be recorded.
 */
final class DetachedProcess {

    private DetachedProcess() {
    }

    static Process start(List<String> command, Path log, Map<String, String> env) {
        return start(command, log, env, Path.of("/dev/null"));
    }

    /** As {@link #start(List, Path, Map)}, reading {@code stdin}, which this process opens (so it may be private). */
    static Process start(List<String> command, Path log, Map<String, String> env, Path stdin) {
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(stdin.toFile()));
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new DemoException("could not run " + command.getFirst() + ": " + e.getMessage(), e);
        }
    }
}
