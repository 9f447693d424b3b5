package dev.warren.bridge.ipc;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is on the other end of an IPC connection, as the OS vouches for it, and what they may do.
 *
 * @param user    the account, for audit lines ("created by ..."): the user name on Linux, the user's SID on Windows
 * @param process how the OS identified the connecting process, for the log (e.g. {@code uid 1000},
 *                {@code pid 4242, elevated})
 * @param role    what the caller may do; empty if it may not use the manager at all
 */
public record CallerIdentity(String user, String process, Optional<Role> role) {

    /** The {@link #user} of a caller the OS could not identify. */
    public static final String UNKNOWN_USER = "?";

    public CallerIdentity {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(role, "role");
    }

    /** A caller the OS could not identify, {@code why} in place of its process: refused. */
    public static CallerIdentity unknown(String why) {
        return new CallerIdentity(UNKNOWN_USER, why, Optional.empty());
    }

    public boolean isUnknown() {
        return user.equals(UNKNOWN_USER);
    }
}
