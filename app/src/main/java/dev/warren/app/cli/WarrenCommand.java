package dev.warren.app.cli;

import dev.warren.app.ui.GuiApp;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code warren} command: without a subcommand it opens the GUI; each subcommand lives in its own class. */
@Command(name = "warren",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Warren: a WireGuard-compatible VPN client with a pure-Java tunnel engine.",
        subcommands = {
            GenKeyCommand.class,
            PubKeyCommand.class,
            CheckCommand.class,
            ManagerCommand.class,
            UpCommand.class,
            DownCommand.class,
            AutostartCommand.class,
            ListCommand.class,
            ShowCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            EditCommand.class,
            LogCommand.class,
            UserspaceCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class WarrenCommand implements Callable<Integer> {

    @CommandLine.Option(names = "--tray", description = "Start the GUI in the tray without opening its window (for autostart).")
    boolean tray;

    /** A command line with the exit-code and error conventions every subcommand relies on. */
    public static CommandLine commandLine() {
        return new CommandLine(new WarrenCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Global {@code --socket}: before the subcommand it applies to every command that talks to the manager. */
    @CommandLine.Option(names = "--socket", paramLabel = "PATH", description = "Manager socket for the commands "
            + "that talk to the manager (default: /run/warren/manager.sock).")
    void socket(String path) {
        System.setProperty(dev.warren.app.ipc.Protocol.SOCKET_PROPERTY, path);
    }

    /** {@code warren} alone: the GUI (or, when it already runs, its window raised). */
    @Override
    public Integer call() {
        return GuiApp.runUntilExit(tray);
    }
}
