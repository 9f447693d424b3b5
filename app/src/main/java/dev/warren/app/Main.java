package dev.warren.app;

import dev.warren.app.cli.WarrenCommand;
import picocli.CommandLine;

/** Entry point of the {@code warren} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(WarrenCommand.commandLine().execute(args));
    }
}
