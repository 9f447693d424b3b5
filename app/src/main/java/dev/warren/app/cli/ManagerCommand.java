package dev.warren.app.cli;

import dev.warren.app.ipc.AccessPolicy;
import dev.warren.app.ipc.Protocol;
import dev.warren.app.manager.ConfigStore;
import dev.warren.app.manager.ManagerOptions;
import dev.warren.app.manager.ManagerPlatform;
import dev.warren.app.manager.ManagerService;
import dev.warren.app.manager.TunnelDrivers;
import dev.warren.bridge.Platform;
import dev.warren.bridge.windows.pipe.PipeSecurity;
import dev.warren.bridge.windows.service.ServiceConfig;
import dev.warren.bridge.windows.service.WindowsServiceHost;
import dev.warren.bridge.windows.service.WindowsServiceInstaller;
import dev.warren.bridge.windows.store.DpapiConfigStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warren manager}: the tunnel-manager service, in the foreground until SIGTERM/SIGINT or manager.quit; on
 * Windows also {@code --install}/{@code --uninstall} (the SCM service) and {@code --service} (what the SCM runs).
 */
@Command(name = "manager", description = {
        "Run the tunnel manager in the foreground (as root).",
        "It owns the tunnels and the config store and serves the GUI and the CLI over a Unix socket (a named pipe on "
                + "Windows). It stops cleanly on SIGTERM or Ctrl+C.",
        "On Windows, --install registers it as the WarrenManager service (automatic start, LocalSystem)."})
final class ManagerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true)
    WindowsServiceMode service;

    static final class WindowsServiceMode {
        @Option(names = "--install", required = true, description = "Windows: register the manager as the "
                + "WarrenManager service (automatic start, LocalSystem) and start it. Run it elevated, from the "
                + "installed warren-cli.exe.")
        boolean install;

        @Option(names = "--uninstall", required = true, description = "Windows: stop and remove the WarrenManager "
                + "service.")
        boolean uninstall;

        @Option(names = "--service", required = true, description = "Windows: run under the service control manager "
                + "(the command line the installed service runs).")
        boolean service;
    }

    @Option(names = "--socket", paramLabel = "PATH", description = "IPC socket (default: /run/warren/manager.sock; "
            + "Windows uses the pipe \\\\.\\pipe\\Warren\\Manager)")
    Path socket;

    @Option(names = "--store", paramLabel = "DIR", description = "Config store directory (default: "
            + "/var/lib/warren/tunnels; Windows: %%ProgramData%%\\Warren\\Configurations, DPAPI-encrypted)")
    Path store;

    @Option(names = "--log", paramLabel = "FILE", description = "Ring log file (default: /var/log/warren/manager.log; "
            + "Windows: %%ProgramData%%\\Warren\\manager.log)")
    Path log;

    @Option(names = "--allow-scripts", description = "Run PreUp/PostUp/PreDown/PostDown commands of tunnels "
            + "(as root). Without it, tunnels that have scripts refuse to start.")
    boolean allowScripts;

    @Option(names = "--admin-group", paramLabel = "GROUP", description = "Group whose members may do everything "
            + "(default: ${DEFAULT-VALUE}; on Windows, elevated Administrators)")
    String adminGroup = AccessPolicy.DEFAULT_ADMIN_GROUP;

    @Option(names = "--operator-group", paramLabel = "GROUP", description = "Group whose members may start and stop "
            + "tunnels and see configs without keys (default: " + AccessPolicy.DEFAULT_OPERATOR_GROUP + "; on "
            + "Windows a SID, default " + PipeSecurity.NETWORK_CONFIGURATION_OPERATORS
            + ", Network Configuration Operators)")
    String operatorGroup;

    private final WindowsServicePlumbing windows;

    ManagerCommand() {
        this(WindowsServicePlumbing.of(Platform.current()));
    }

    ManagerCommand(WindowsServicePlumbing windows) {
        this.windows = windows;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (service != null && !windows.available()) {
            err.println("warren manager: --install, --uninstall and --service are for Windows; on Linux the "
                    + "package's systemd unit runs 'warren manager'");
            return 1;
        }
        try {
            if (service != null && service.install) {
                return install();
            }
            if (service != null && service.uninstall) {
                windows.installer().uninstall(WindowsServiceInstaller.MANAGER_SERVICE);
                spec.commandLine().getOut().println("Stopped and removed the " + WindowsServiceInstaller.MANAGER_SERVICE
                        + " service.");
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            err.println("warren manager: " + e.getMessage());
            return 1;
        }
        ManagerService manager = new ManagerService(options(), TunnelDrivers.forThisPlatform(),
                ManagerPlatform.of(Platform.current()), service != null ? null : System.out);
        if (service != null) {
            return runAsService(windows, manager, err);
        }
        try {
            manager.start();
        } catch (IOException | RuntimeException e) {
            err.println("warren manager: " + e.getMessage());
            return 1;
        }
        // SIGTERM (systemd stop) and SIGINT (Ctrl+C) run the shutdown hooks: the manager tells its clients, stops
        // its tunnels and removes its socket before the JVM exits (with 128 + the signal, as any JVM; the systemd
        // unit lists 143 in SuccessExitStatus).
        Runtime.getRuntime().addShutdownHook(new Thread(manager::stop, "manager-shutdown"));
        manager.awaitStop();
        return 0;
    }

    private int install() throws IOException {
        String exe = windows.executable().orElseThrow(() -> new IllegalStateException("--install registers the "
                + "program that runs it, and 'java -jar' is not one: run it elevated from the installed Warren, "
                + "e.g. \"%ProgramFiles%\\Warren\\warren-cli.exe\" manager --install"));
        ServiceConfig config = WindowsServiceInstaller.managerService(exe);
        windows.installer().install(config);
        spec.commandLine().getOut().println("Installed and started the " + config.name() + " service ("
                + config.binaryPathName() + ").");
        return 0;
    }

    /**
     * Hands the process to the SCM: the manager starts when the service starts, and stops on the SCM's STOP or
     * SHUTDOWN, or when a client asks the manager to quit (then the service reports itself stopped). A resume from
     * sleep, which Windows tells services as a power event, goes to the manager's network watcher.
     */
    static int runAsService(WindowsServicePlumbing windows, ManagerService manager, PrintWriter err)
            throws InterruptedException {
        WindowsServiceHost[] host = new WindowsServiceHost[1];
        host[0] = windows.host(new WindowsServiceHost.Body() {
            @Override
            public void start(Runnable progress) throws IOException {
                manager.start();
                Thread.ofPlatform().name("manager-quit").start(() -> {
                    try {
                        manager.awaitStop();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    host[0].requestStop();
                });
            }

            @Override
            public void stop(Runnable progress) {
                manager.stop();
            }

            @Override
            public void resumedFromSleep() {
                windows.resumedFromSleep();
            }
        });
        try {
            host[0].run();
            return 0;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            err.println("warren manager: " + e.getMessage());
            return 1;
        }
    }

    /**
     * On Windows everything lives under {@code %ProgramData%\Warren}: the DPAPI store, the log, and the lock and
     * runtime-state files (named after a {@code manager} marker in place of the Unix socket, which Windows does not
     * use: its pipe name is fixed).
     */
    private ManagerOptions options() {
        if (windows.available()) {
            Path configurations = DpapiConfigStore.defaultDirectory(System.getenv());
            Path base = configurations.getParent();
            Path marker = socket != null ? socket : base.resolve("manager");
            return new ManagerOptions(marker, store != null ? store : configurations,
                    log != null ? log : base.resolve("manager.log"), ManagerOptions.defaultRuntimeState(marker),
                    allowScripts, new AccessPolicy(adminGroup, operatorGroup != null ? operatorGroup
                            : PipeSecurity.NETWORK_CONFIGURATION_OPERATORS));
        }
        Path sock = socket != null ? socket : Protocol.socketPath();
        return new ManagerOptions(sock, store != null ? store : ConfigStore.DEFAULT_DIR,
                log != null ? log : ManagerOptions.DEFAULT_LOG, ManagerOptions.defaultRuntimeState(sock), allowScripts,
                new AccessPolicy(adminGroup, operatorGroup != null ? operatorGroup : AccessPolicy.DEFAULT_OPERATOR_GROUP));
    }
}
