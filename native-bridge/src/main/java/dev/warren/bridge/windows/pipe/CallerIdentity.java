package dev.warren.bridge.windows.pipe;

/**
 * Who is on the other end of an IPC connection, as the OS vouches for it.
 *
 * @param processId the client process ({@code GetNamedPipeClientProcessId}; {@code SO_PEERCRED} on Linux)
 * @param user the user's SID in string form, e.g. {@code S-1-5-21-...-1001}, for logs
 * @param elevated whether the client's token is elevated (UAC)
 */
public record CallerIdentity(int processId, String user, Role role, boolean elevated) {
}
