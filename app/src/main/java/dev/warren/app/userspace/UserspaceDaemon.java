package dev.warren.app.userspace;

import dev.warren.bridge.NetworkConfigurator;
import dev.warren.bridge.Platform;
import dev.warren.core.device.Clock;
import dev.warren.core.device.Device;
import dev.warren.core.device.DeviceUapi;
import dev.warren.core.spi.Bind;
import dev.warren.core.spi.TunDevice;
import dev.warren.core.uapi.UapiSocketServer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;

/**
 * {@code warren userspace <iface>} in the foreground: a drop-in for wireguard-go. Creates the TUN interface (MTU
 * 1420, down, as wireguard-go leaves it), runs a {@link Device} on it and serves the UAPI on
 * {@code <dir>/<iface>.sock} so that {@code wg} and {@code wg-quick} configure it.
 *
 * <p>It stops, removing its socket and the interface, on SIGINT/SIGTERM (a shutdown hook), when the interface is
 * deleted ({@code ip link del}, what {@code wg-quick down} does), or when its socket file is removed: the same
 * three ways wireguard-go stops.
 */
public final class UserspaceDaemon {

    /** Where wg(8) looks for userspace implementations' sockets. */
    public static final Path SOCKET_DIRECTORY = Path.of("/var/run/wireguard");
    /** wireguard-go's initial MTU; wg-quick sets the configured one afterwards. */
    static final int DEFAULT_MTU = 1420;

    /** Exit status when the interface or socket could not be set up, as wireguard-go's ExitSetupFailed. */
    public static final int EXIT_SETUP_FAILED = 1;

    private final String interfaceName;
    private final String version;
    private final UserspaceLog log;
    private final Platform platform;
    private final Path socketDirectory;
    private final Runnable beforeListening;
    private final CompletableFuture<String> stopReason = new CompletableFuture<>();

    private Device device;
    private UapiSocketServer server;
    private WatchService socketWatch;
    private Closeable mtuWatch;
    private boolean shutDown;

    /**
     * @param version         what the first log line names, e.g. {@code warren 0.1.0}
     * @param beforeListening runs just before the socket is created, i.e. before the daemon counts as started
     *                        (a detached child uses it to hand its standard error over from its parent)
     */
    public UserspaceDaemon(String interfaceName, String version, UserspaceLog log, Platform platform,
            Path socketDirectory, Runnable beforeListening) {
        this.interfaceName = interfaceName;
        this.version = version;
        this.log = log;
        this.platform = platform;
        this.socketDirectory = socketDirectory;
        this.beforeListening = beforeListening;
    }

    /** The UAPI socket of {@code interfaceName} in {@code directory}. */
    public static Path socketPath(Path directory, String interfaceName) {
        return directory.resolve(interfaceName + ".sock");
    }

    /** Runs until stopped; returns the exit status (0 after a clean stop). */
    public int run() {
        log.verbose("Starting " + version);
        // Installed first: a signal during start-up then waits for start() (which holds the lock) and undoes it.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            stopReason.complete("signal received");
            shutdown();
        }));
        try {
            start();
        } catch (IOException | RuntimeException e) {
            log.error(e.getMessage());
            shutdown();
            return EXIT_SETUP_FAILED;
        }
        String reason = stopReason.join();
        log.verbose("Shutting down: " + reason);
        shutdown();
        return 0;
    }

    private synchronized void start() throws IOException {
        if (shutDown) {
            throw new IOException("stopped during start-up");
        }
        TunDevice tun;
        try {
            tun = platform.createTun(interfaceName);
        } catch (IOException | RuntimeException e) {
            throw new IOException("Failed to create TUN device: " + e.getMessage(), e);
        }
        try (NetworkConfigurator net = platform.networkConfigurator()) {
            net.setMtu(net.interfaceIndex(tun.name()), DEFAULT_MTU);
        } catch (IOException | RuntimeException e) {
            tun.close();
            throw e;
        }
        Bind bind = platform.createBind();
        TunDevice watched = new DeletionAwareTun(tun, e -> stopReason.complete("interface " + interfaceName
                + " was deleted"));
        device = new Device(watched, bind, Clock.system(), new DeviceEventLog(log));
        try {
            device.up();
        } catch (IOException e) {
            throw new IOException("Failed to bring up device: " + e.getMessage(), e);
        }
        log.verbose("Device started");
        mtuWatch = platform.networkMonitor().subscribe(new MtuFollower(interfaceName, device));
        Files.createDirectories(socketDirectory, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        beforeListening.run();
        Path socket = socketPath(socketDirectory, interfaceName);
        // Watched from before it exists, so a removal right after it appears is not missed.
        WatchService watch = FileSystems.getDefault().newWatchService();
        socketWatch = watch;
        socketDirectory.register(watch, StandardWatchEventKinds.ENTRY_DELETE);
        try {
            server = UapiSocketServer.start(socket, new DeviceUapi(device));
        } catch (IOException e) {
            throw new IOException("Failed to listen on uapi socket: " + e.getMessage(), e);
        }
        watchSocket(watch, socket);
        log.verbose("UAPI listener started");
    }

    /**
     * Stops the daemon when its socket file disappears (wireguard-go watches it with inotify likewise). A deletion
     * counts only if the socket is still missing when the event is handled: replacing a stale socket at start-up
     * deletes one too.
     */
    private void watchSocket(WatchService watch, Path socket) {
        Thread.ofPlatform().daemon().name("uapi-socket-watch").start(() -> {
            try {
                while (true) {
                    WatchKey key = watch.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (socket.getFileName().equals(event.context()) && !Files.exists(socket)) {
                            stopReason.complete("UAPI socket " + socket + " was removed");
                        }
                    }
                    key.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // shutting down
            }
        });
    }

    /** Removes the socket, closes the device and with it the interface; idempotent and safe from any thread. */
    private synchronized void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        close(socketWatch, "the socket watch");
        close(mtuWatch, "the MTU watch");
        close(server, "the UAPI socket");
        if (device != null && close(device, "the device")) {
            log.verbose("Device closed");
        }
    }

    /** Closes one part, logging a failure so that the others are still closed; true if it was closed. */
    private boolean close(AutoCloseable part, String what) {
        if (part == null) {
            return false;
        }
        try {
            part.close();
            return true;
        } catch (Exception e) {
            log.error("Failed to close " + what + ": " + e.getMessage());
            return false;
        }
    }
}
