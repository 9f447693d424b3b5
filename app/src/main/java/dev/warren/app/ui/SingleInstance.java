package dev.warren.app.ui;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * One GUI per user: the first instance listens on a per-user Unix socket; a second launch connects, asks the
 * first to raise its window, and exits. A socket left behind by a crashed instance is detected (nobody answers)
 * and replaced.
 */
public final class SingleInstance implements AutoCloseable {

    private static final byte RAISE = 'R';

    private final ServerSocketChannel server;
    private final Path path;
    private final Thread acceptor;

    private SingleInstance(ServerSocketChannel server, Path path, Runnable onRaise) {
        this.server = server;
        this.path = path;
        this.acceptor = Thread.ofPlatform().daemon().name("warren-gui-instance").start(() -> accept(onRaise));
    }

    /** The per-user socket path: {@code $XDG_RUNTIME_DIR/warren-gui.sock}, else under the temp directory. */
    public static Path defaultPath() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "warren-gui.sock");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "warren-gui-" + System.getProperty("user.name") + ".sock");
    }

    /**
     * Becomes the running instance, or — when one is already running — asks it to raise its window and returns
     * empty. {@code onRaise} runs on a background thread whenever a later launch asks.
     */
    public static Optional<SingleInstance> claim(Path path, Runnable onRaise) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (askToRaise(path)) {
                return Optional.empty();
            }
            Files.deleteIfExists(path);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(path));
            } catch (IOException raceLost) {
                server.close();
                continue;
            }
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the socket file inherits the user's profile ACL, which is already private.
            }
            return Optional.of(new SingleInstance(server, path, onRaise));
        }
        throw new IOException("could not claim the GUI instance socket " + path);
    }

    private static boolean askToRaise(Path path) {
        if (!Files.exists(path)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            ch.write(ByteBuffer.wrap(new byte[] {RAISE}));
            return true;
        } catch (IOException stale) {
            return false;
        }
    }

    private void accept(Runnable onRaise) {
        while (server.isOpen()) {
            try (SocketChannel ch = server.accept()) {
                ByteBuffer b = ByteBuffer.allocate(1);
                if (ch.read(b) == 1 && b.get(0) == RAISE) {
                    onRaise.run();
                }
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(path);
        acceptor.interrupt();
    }
}
