package dev.warren.app.ipc;

import java.util.Objects;

/**
 * The authenticated client a request came from.
 *
 * @param credentials its operating-system identity at connect
 * @param role        what it may do
 */
public record Caller(PeerCredentials credentials, Role role) {
    public Caller {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
