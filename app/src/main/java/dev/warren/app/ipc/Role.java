package dev.warren.app.ipc;

/**
 * What a connected client may do, decided once at connect from its operating-system identity.
 *
 * <p>An {@link #OPERATOR} may list tunnels, read state, runtime figures and the log, start and stop tunnels, and
 * read configs with secrets and scripts removed. An {@link #ADMIN} may also create, change, delete and export
 * tunnels, see full configs and stop the manager.
 */
public enum Role {
    OPERATOR,
    ADMIN;

    /** True if a caller with this role may call a method that requires {@code required}. */
    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }
}
