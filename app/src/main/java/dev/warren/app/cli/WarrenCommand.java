package dev.warren.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code warren} command; each subcommand lives in its own class. */
@Command(name = "warren",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Warren: a WireGuard-compatible VPN client with a pure-Java tunnel engine.",
        subcommands = {
            GenKeyCommand.class,
            PubKeyCommand.class,
            CheckCommand.class,
            UserspaceCommand.class,
            CommandLine.HelpCommand.class
        })
public final class WarrenCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A command line with the exit-code and error conventions every subcommand relies on. */
    public static CommandLine commandLine() {
        return new CommandLine(new WarrenCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
