package dev.warren.app.ipc;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.GroupPrincipal;
import java.util.HashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The operating-system identity of the process at the other end of a Unix domain socket.
 *
 * <p>User and primary group come from the kernel ({@code SO_PEERCRED}, via the JDK's
 * {@link ExtendedSocketOptions#SO_PEERCRED}): they are what the peer had when it connected and cannot be forged.
 * Supplementary groups are the user's memberships in the account database ({@code getgrouplist}), i.e. what a
 * fresh login of that user gets. We deliberately do not read {@code /proc/<pid>/status}: the JDK does not expose
 * the peer's pid, and a pid looked up after connect can already belong to another process. The difference from
 * the peer process's own group list only matters for a process that dropped groups it is entitled to, and
 * grants it nothing its user could not get by logging in again; the socket file's group permission (checked by
 * the kernel at connect against the process's real groups) backs the check up.
 *
 * @param user   user name, or the numeric uid when the account database has no entry
 * @param uid    numeric user id
 * @param groups every group id the caller belongs to (primary and supplementary)
 */
public record PeerCredentials(String user, int uid, Set<Integer> groups) {

    public PeerCredentials {
        groups = Set.copyOf(groups);
    }

    /** Reads the identity of {@code channel}'s peer. */
    static PeerCredentials of(SocketChannel channel) throws IOException {
        UnixDomainPrincipal p = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        String user = p.user().getName();
        GroupPrincipal group = p.group();
        Set<Integer> groups = new HashSet<>();
        gid(group.getName()).ifPresent(groups::add);
        int uid;
        var account = PosixAccounts.user(user);
        if (account.isPresent()) {
            uid = account.get().uid();
            groups.addAll(PosixAccounts.groupsOf(user, account.get().gid()));
        } else if (!user.isEmpty() && user.chars().allMatch(Character::isDigit)) {
            // The JDK falls back to the numeric id when there is no passwd entry.
            uid = Integer.parseInt(user);
        } else {
            throw new IOException("the peer's user '" + user + "' has no account entry");
        }
        return new PeerCredentials(user, uid, groups);
    }

    /** The JDK reports a group without a database entry by its numeric id. */
    private static Optional<Integer> gid(String name) {
        OptionalInt byName = PosixAccounts.groupId(name);
        if (byName.isPresent()) {
            return Optional.of(byName.getAsInt());
        }
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit)
                ? Optional.of(Integer.parseInt(name))
                : Optional.empty();
    }
}
