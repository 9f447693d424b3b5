package dev.warren.app.ipc;

import dev.warren.bridge.ipc.CallerIdentity;
import dev.warren.bridge.ipc.IpcAcceptor;
import dev.warren.bridge.ipc.IpcConnection;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The manager's IPC transport on Linux: a Unix domain socket whose file admits only the admin and operator groups,
 * each connection identified from its peer credentials ({@code SO_PEERCRED}) and given a role by the
 * {@link AccessPolicy}.
 */
public final class UnixSocketAcceptor implements IpcAcceptor {

    private final Path socket;
    private final AccessPolicy policy;
    private final ServerSocketChannel server;

    private UnixSocketAcceptor(Path socket, AccessPolicy policy, ServerSocketChannel server) {
        this.socket = socket;
        this.policy = policy;
        this.server = server;
    }

    /**
     * Binds the socket. Fails if another process is already listening on it; a stale socket file left by a killed
     * manager is replaced.
     *
     * @param log receives what narrows who can connect (a missing group)
     */
    public static UnixSocketAcceptor open(Path socket, AccessPolicy policy, Consumer<String> log) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        if (Files.exists(socket)) {
            if (isLive(socket)) {
                throw new IOException("another Warren manager is already listening on " + socket);
            }
            Files.delete(socket);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            restrictSocketFile(socket, policy, log);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new UnixSocketAcceptor(socket, policy, server);
    }

    /** True if something accepts connections on {@code socket}. */
    public static boolean isLive(Path socket) {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Mode 0660, owner root (us), group the operator group, plus an ACL entry for the admin group: the kernel
     * then refuses everyone else at connect, before our own check runs. A missing group only narrows who can
     * connect, which fails safe.
     */
    private static void restrictSocketFile(Path socket, AccessPolicy policy, Consumer<String> log) throws IOException {
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        try {
            GroupPrincipal group = socket.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(policy.operatorGroup());
            Files.setAttribute(socket, "posix:group", group);
        } catch (IOException e) {
            log.accept("group '" + policy.operatorGroup() + "' does not exist: no operator can reach " + socket);
        }
        OptionalInt admins = PosixAccounts.groupId(policy.adminGroup());
        if (admins.isEmpty()) {
            log.accept("group '" + policy.adminGroup() + "' does not exist: only root has admin access");
        } else if (!policy.adminGroup().equals(policy.operatorGroup())) {
            try {
                SocketAcl.grantGroup(socket, admins.getAsInt());
            } catch (IOException e) {
                log.accept(e.getMessage() + ": members of '" + policy.adminGroup() + "' must also be in '"
                        + policy.operatorGroup() + "' to reach the socket");
            }
        }
    }

    @Override
    public IpcConnection accept() throws IOException {
        SocketChannel ch;
        try {
            ch = server.accept();
        } catch (AsynchronousCloseException e) {
            return null;
        }
        if (!server.isOpen()) {
            ch.close();
            return null;
        }
        return new ChannelConnection(ch, identify(ch));
    }

    private CallerIdentity identify(SocketChannel ch) {
        try {
            PeerCredentials who = PeerCredentials.of(ch);
            return new CallerIdentity(who.user(), "uid " + who.uid(), policy.roleOf(who));
        } catch (IOException e) {
            return CallerIdentity.unknown(e.getMessage());
        }
    }

    @Override
    public String refusal(CallerIdentity caller) {
        return caller.isUnknown() ? "The Warren manager could not determine who you are (" + caller.process() + ")."
                : policy.refusal(caller.user());
    }

    @Override
    public String adminHint() {
        return "ask an administrator to add you to the '" + policy.adminGroup() + "' group";
    }

    /** Stops accepting and removes the socket file. */
    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            Files.deleteIfExists(socket);
        }
    }
}
