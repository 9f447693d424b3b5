package dev.warren.app.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.warren.core.config.IpNetwork;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a running demo has created, written after every step so that {@code warren demo --stop} (or a demo
 * started after a crash) removes exactly that, and nothing of anyone else's.
 *
 * @param tunnel        the tunnel name in the manager
 * @param netns         the peer's network namespace
 * @param block         the /29 its addresses come from
 * @param socket        the manager socket the tunnel was imported through
 * @param tunnelCreated whether the demo has stored its tunnel in the manager (and must delete it)
 * @param processes     the processes it started, by role ({@link Role})
 * @param display       the X display the GUI was opened on, or null
 */
public record DemoState(String tunnel, String netns, String block, String socket, boolean tunnelCreated,
        Map<Role, StartedProcess> processes, String display) {

    /** The processes a demo may start, in the order they are started; stopped in reverse. */
    public enum Role { PEER, WEB, MANAGER, XVFB, TRAYER, GUI }

    public static final String FILE_NAME = "state.json";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public DemoState {
        Objects.requireNonNull(tunnel, "tunnel");
        Objects.requireNonNull(netns, "netns");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(socket, "socket");
        processes = processes == null ? Map.of() : Map.copyOf(processes);
    }

    /** The state of a demo that has only chosen its names and addresses. */
    public static DemoState planned(DemoPlan plan, Path socket) {
        return new DemoState(plan.tunnel(), plan.netns(), plan.block().toString(), socket.toString(), false, Map.of(),
                null);
    }

    public DemoPlan plan() {
        return new DemoPlan(tunnel, netns, IpNetwork.parse(block));
    }

    public Path socketPath() {
        return Path.of(socket);
    }

    public Optional<StartedProcess> process(Role role) {
        return Optional.ofNullable(processes.get(role));
    }

    public DemoState withProcess(Role role, StartedProcess p) {
        Map<Role, StartedProcess> m = new LinkedHashMap<>(processes);
        m.put(role, p);
        return new DemoState(tunnel, netns, block, socket, tunnelCreated, m, display);
    }

    public DemoState withTunnelCreated() {
        return new DemoState(tunnel, netns, block, socket, true, processes, display);
    }

    public DemoState withDisplay(String display) {
        return new DemoState(tunnel, netns, block, socket, tunnelCreated, processes, display);
    }


    /** Reads the state in {@code dir}, if a demo has one there. */
    public static Optional<DemoState> read(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), DemoState.class));
        } catch (IOException e) {
            throw new DemoException("the demo's state file " + file + " is unreadable (" + e.getMessage()
                    + "); remove the demo's leftovers by hand (`ip netns del` its namespace) and delete the file", e);
        }
    }

    /** Replaces the state file in {@code dir} atomically (a crash leaves the old or the new state). */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = dir.resolve("." + FILE_NAME + ".tmp");
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
            try {
                Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(dir + " does not support atomic renames", e);
            }
        } catch (IOException e) {
            throw new DemoException("could not record the demo's state in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Removes the state file (the demo is gone). */
    public static void delete(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new DemoException("could not remove " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }
}
