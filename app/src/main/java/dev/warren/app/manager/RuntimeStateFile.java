package dev.warren.app.manager;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of what running tunnels changed on the system, rewritten atomically whenever a tunnel starts or
 * stops. After a clean shutdown it is empty; after {@code kill -9} it lists exactly what the next manager must
 * remove. It lives under /run by default, which a reboot clears together with the interfaces it describes.
 */
final class RuntimeStateFile {
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();

    RuntimeStateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    List<TunnelResources> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return mapper.readValue(file.toFile(), new TypeReference<List<TunnelResources>>() { });
        } catch (IOException e) {
            throw new IOException("the runtime state " + file + " is unreadable (" + e.getMessage()
                    + "); remove it and any leftover Warren interfaces by hand", e);
        }
    }

    void write(List<TunnelResources> running) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, mapper.writeValueAsBytes(new ArrayList<>(running)),
                PosixFilePermissions.fromString("rw-------"));
    }
}
