package dev.warren.core.uapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Listens on a Unix domain socket, such as {@code /var/run/wireguard/wg0.sock}, and serves every connection with
 * a {@link UapiSession} on its own virtual thread, so that {@code wg} and {@code wg-quick} configure the device.
 *
 * <p>Whoever can connect can read the private key, so the socket must never be reachable by others, not even for
 * an instant: it is bound inside a fresh directory only the owner can enter, restricted to its owner, and only
 * then renamed into place. A stale socket left by a dead process is replaced; a live one is an error.
 */
public final class UapiSocketServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(UapiSocketServer.class.getName());

    private final Path path;
    private final ServerSocketChannel server;
    private final UapiBackend backend;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private UapiSocketServer(Path path, ServerSocketChannel server, UapiBackend backend) {
        this.path = path;
        this.server = server;
        this.backend = backend;
        this.acceptor = Thread.ofVirtual().name("uapi-accept " + path.getFileName()).unstarted(this::acceptLoop);
    }

    /**
     * Creates the socket at {@code path} and starts serving.
     *
     * @throws IOException if the socket cannot be created, or another process is serving at {@code path}
     */
    public static UapiSocketServer start(Path path, UapiBackend backend) throws IOException {
        Objects.requireNonNull(backend, "backend");
        Path target = path.toAbsolutePath();
        Files.createDirectories(target.getParent());
        if (Files.exists(target)) {
            if (inUse(target)) {
                throw new IOException(target + " is in use by another process serving the same interface");
            }
            Files.delete(target);
        }
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] privateDir = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        Path staging = Files.createTempDirectory(target.getParent(), ".uapi-", privateDir);
        Path staged = staging.resolve("s.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(staged));
            if (posix) {
                Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(staged);
            throw e;
        } finally {
            Files.deleteIfExists(staging);
        }
        UapiSocketServer s = new UapiSocketServer(target, server, backend);
        s.acceptor.start();
        return s;
    }

    /** The socket's path. */
    public Path path() {
        return path;
    }

    /** Stops accepting, drops open connections and removes the socket file. */
    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel c : clients) {
            c.close();
        }
        Files.deleteIfExists(path);
    }

    private static boolean inUse(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "UAPI: accept on " + path + " failed; no longer serving", e);
                return;
            }
            clients.add(client);
            Thread.ofVirtual().name("uapi " + path.getFileName()).start(() -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            InputStream in = Channels.newInputStream(client);
            OutputStream out = Channels.newOutputStream(client);
            new UapiSession(backend, in, out).serve();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "UAPI: connection ended: " + e.getMessage());
        } finally {
            clients.remove(client);
        }
    }
}
