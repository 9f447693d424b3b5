package dev.warren.app.ipc;

/**
 * Who the manager thinks the client is, as {@code session.info} returns it.
 *
 * @param user           the caller's user name (or numeric uid when it has no account entry)
 * @param role           what the caller may do
 * @param managerVersion the manager's version string
 */
public record SessionInfo(String user, Role role, String managerVersion) {
}
