package dev.warren.app.ipc;

/** The {@code params} object of each request, shared by the manager and {@link ManagerClient}. */
public final class RequestParams {
    private RequestParams() {
    }

    /** For methods without parameters. */
    public record None() {
    }

    /** {@code tunnels.get|runtime|delete|start|stop}. */
    public record Name(String name) {
    }

    /** {@code tunnels.create}. */
    public record Create(String name, String config) {
    }

    /** {@code tunnels.update}: {@code newName} null or equal to {@code name} keeps the name. */
    public record Update(String name, String newName, String config) {
    }

    /** {@code tunnels.setBootStart}. */
    public record BootStart(String name, boolean enabled) {
    }

    /**
     * {@code log.read}: entries from sequence number {@code cursor} on (older ones that the ring has overwritten
     * are skipped); a negative cursor means the last {@code limit} entries. {@code limit} is 1..2048.
     */
    public record LogRead(long cursor, int limit) {
    }

    /** {@code log.write}: a line tagged {@code ui}. */
    public record LogWrite(String message) {
    }
}
