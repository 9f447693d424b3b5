package dev.warren.app.ipc;

import dev.warren.bridge.ipc.Role;
import java.util.Objects;

/**
 * The authenticated client a request came from.
 *
 * @param user the account, as the transport's OS identity names it (a user name on Linux, a SID on Windows)
 * @param role what it may do
 */
public record Caller(String user, Role role) {
    public Caller {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
