package dev.warren.app.cli;

import dev.warren.app.demo.DemoException;
import dev.warren.app.demo.DemoOptions;
import dev.warren.app.demo.DemoPlan;
import dev.warren.app.demo.DemoScreenshot;
import dev.warren.app.demo.DemoStarter;
import dev.warren.app.demo.DemoState;
import dev.warren.app.demo.DemoStopper;
import dev.warren.app.demo.SystemCommands;
import dev.warren.app.ipc.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warren demo [--stop | --screenshot FILE]}: a working tunnel to a real local peer, in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, description = {
        "Show Warren working: a live tunnel to a local WireGuard peer.",
        "",
        "Run it as root. A WireGuard peer (wireguard-go) in a network namespace of its own serves a web page on its "
                + "tunnel address; a \"demo\" tunnel to it is imported into the manager (started if none runs) and "
                + "started, and the page is fetched through it; then the GUI opens (on a virtual display when there is none). --stop "
                + "removes everything the demo created."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = "--stop", description = "Remove everything the running demo created.")
        boolean stop;

        @Option(names = "--screenshot", paramLabel = "FILE",
                description = "Save a PNG of the screen the demo's GUI is on (its virtual display, if it made one).")
        Path screenshot;
    }

    @Option(names = "--no-gui", description = "Only the tunnel and the page, no GUI.")
    boolean noGui;

    @Option(names = "--socket", paramLabel = "PATH", description = "Manager socket (default: /run/warren/manager.sock).")
    Path socket;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the demo records what it created "
            + "(default: ${DEFAULT-VALUE}).")
    Path stateDir = DemoOptions.DEFAULT_STATE_DIR;

    @Option(names = "--netns", paramLabel = "NAME", description = "The peer's network namespace (default: "
            + "${DEFAULT-VALUE}).")
    String netns = DemoPlan.DEFAULT_NETNS;

    @Override
    public Integer call() {
        DemoOptions options = new DemoOptions(stateDir, socket != null ? socket : Protocol.socketPath(), netns,
                DemoPlan.DEFAULT_TUNNEL, !noGui);
        try {
            if (action != null && action.stop) {
                return new DemoStopper(stateDir, new SystemCommands(), spec.commandLine().getOut()).stopRecorded() ? 0 : 1;
            }
            if (action != null && action.screenshot != null) {
                DemoState state = DemoState.read(stateDir)
                        .orElseThrow(() -> new DemoException("no demo is running, so there is no GUI to take a picture of"));
                DemoScreenshot.take(state, stateDir, action.screenshot, Duration.ofSeconds(30));
                spec.commandLine().getOut().println("warren demo: saved " + action.screenshot.toAbsolutePath());
                return 0;
            }
            boolean userspace = spec.root().subcommands().containsKey("userspace");
            new DemoStarter(options, userspace, spec.commandLine().getOut()).start();
            return 0;
        } catch (DemoException e) {
            spec.commandLine().getErr().println("warren demo: " + e.getMessage());
            return 1;
        }
    }
}
