package dev.warren.app.cli;

import dev.warren.app.userspace.Daemonizer;
import dev.warren.app.userspace.LogLevel;
import dev.warren.app.userspace.UserspaceDaemon;
import dev.warren.app.userspace.UserspaceLog;
import dev.warren.bridge.Platform;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warren userspace [-f] <iface>}: Warren's engine as a drop-in for wireguard-go, for {@code wg},
 * {@code wg-quick} ({@code WG_QUICK_USERSPACE_IMPLEMENTATION}) and anything else that drives a userspace
 * WireGuard implementation over its UAPI socket.
 */
@Command(name = "userspace",
        description = {
            "Run a WireGuard interface in user space, as wireguard-go does.",
            "It creates the TUN interface <iface> and serves /var/run/wireguard/<iface>.sock for wg(8) and "
                    + "wg-quick(8). It runs in the background unless -f or WG_PROCESS_FOREGROUND=1. "
                    + "LOG_LEVEL=verbose|error|silent chooses what is logged (default error). It stops on SIGINT or "
                    + "SIGTERM, when the interface is deleted or when the socket is removed."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:the daemon started (background) or stopped cleanly (foreground)",
            "1:the interface or its socket could not be set up",
            "2:invalid command line or interface name"
        })
final class UserspaceCommand implements Callable<Integer> {

    /** What the Linux kernel accepts as an interface name (dev_valid_name), minus '%' which would be a pattern. */
    private static final Pattern VALID_NAME = Pattern.compile("[^/:%\\s]{1,15}");

    @Option(names = {"-f", "--foreground"}, description = "stay in the foreground")
    boolean foreground;

    @Parameters(paramLabel = "<iface>", description = "interface name, 1-15 characters")
    String interfaceName;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // The name also becomes a file name under /var/run/wireguard, so it is checked before anything uses it.
        if (!VALID_NAME.matcher(interfaceName).matches() || interfaceName.equals(".") || interfaceName.equals("..")) {
            throw new ParameterException(spec.commandLine(), "Invalid interface name '" + interfaceName
                    + "': 1-15 characters, no '/', ':', '%' or white space");
        }
        String levelVariable = System.getenv("LOG_LEVEL");
        LogLevel level = LogLevel.fromEnvironment(levelVariable);
        boolean levelGiven = levelVariable != null && !levelVariable.isEmpty();
        if (!foreground && !"1".equals(System.getenv(Daemonizer.FOREGROUND))) {
            return Daemonizer.spawn(interfaceName, level, levelGiven, UserspaceDaemon.SOCKET_DIRECTORY, System.out,
                    System.err);
        }
        UserspaceLog log = new UserspaceLog(level, interfaceName, System.out);
        return new UserspaceDaemon(interfaceName, new VersionProvider().getVersion()[0], log, Platform.current(),
                UserspaceDaemon.SOCKET_DIRECTORY, () -> Daemonizer.handOverStandardStreams(log, levelGiven)).run();
    }
}
