package dev.warren.app.cli;

import dev.warren.app.ipc.AccessPolicy;
import dev.warren.app.ipc.Protocol;
import dev.warren.app.manager.ConfigStore;
import dev.warren.app.manager.ManagerOptions;
import dev.warren.app.manager.ManagerService;
import dev.warren.app.manager.TunnelDrivers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warren manager}: the tunnel-manager service, in the foreground, until SIGTERM/SIGINT or manager.quit. */
@Command(name = "manager", description = {
        "Run the tunnel manager in the foreground (as root): it owns the tunnels and the config store and serves",
        "the GUI and the CLI over a Unix socket. Stops cleanly on SIGTERM or Ctrl+C."})
final class ManagerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", description = "IPC socket (default: /run/warren/manager.sock)")
    Path socket;

    @Option(names = "--store", paramLabel = "DIR", description = "Config store directory (default: ${DEFAULT-VALUE})")
    Path store = ConfigStore.DEFAULT_DIR;

    @Option(names = "--log", paramLabel = "FILE", description = "Ring log file (default: ${DEFAULT-VALUE})")
    Path log = ManagerOptions.DEFAULT_LOG;

    @Option(names = "--allow-scripts", description = "Run PreUp/PostUp/PreDown/PostDown commands of tunnels "
            + "(as root). Without it, tunnels that have scripts refuse to start.")
    boolean allowScripts;

    @Option(names = "--admin-group", paramLabel = "GROUP", description = "Group whose members may do everything "
            + "(default: ${DEFAULT-VALUE})")
    String adminGroup = AccessPolicy.DEFAULT_ADMIN_GROUP;

    @Option(names = "--operator-group", paramLabel = "GROUP", description = "Group whose members may start and stop "
            + "tunnels and see configs without keys (default: ${DEFAULT-VALUE})")
    String operatorGroup = AccessPolicy.DEFAULT_OPERATOR_GROUP;

    @Override
    public Integer call() throws InterruptedException {
        Path sock = socket != null ? socket : Protocol.socketPath();
        ManagerOptions options = new ManagerOptions(sock, store, log, ManagerOptions.defaultRuntimeState(sock),
                allowScripts, new AccessPolicy(adminGroup, operatorGroup));
        ManagerService manager = new ManagerService(options, TunnelDrivers.forThisPlatform(), System.out);
        try {
            manager.start();
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("warren manager: " + e.getMessage());
            return 1;
        }
        // SIGTERM (systemd stop) and SIGINT (Ctrl+C) run the shutdown hooks: the manager tells its clients, stops
        // its tunnels and removes its socket before the JVM exits (with 128 + the signal, as any JVM; the systemd
        // unit lists 143 in SuccessExitStatus).
        Runtime.getRuntime().addShutdownHook(new Thread(manager::stop, "manager-shutdown"));
        manager.awaitStop();
        return 0;
    }
}
