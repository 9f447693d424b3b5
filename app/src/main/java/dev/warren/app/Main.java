package dev.warren.app;

import dev.warren.app.cli.WarrenCommand;
import picocli.CommandLine;

/** Entry point of the {@code warren} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status. */
    static int run(String[] args) {
        // First, before anything can look up a name: the JVM reads its DNS cache settings once.
        JvmDnsCache.disable();
        return WarrenCommand.commandLine().execute(args);
    }
}
