package dev.warren.app.manager;

import dev.warren.bridge.windows.store.DpapiConfigStore;
import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Windows store: {@link DpapiConfigStore}'s machine-scope DPAPI files, {@code NAME.conf.dpapi}, in
 * {@code %ProgramData%\Warren\Configurations}, whose protected SYSTEM + Administrators ACL every file inherits.
 */
public final class DpapiTunnelFiles implements TunnelFiles {

    private final DpapiConfigStore store;

    private DpapiTunnelFiles(DpapiConfigStore store) {
        this.store = store;
    }

    /** Opens {@code store}, creating or re-securing its directory first. */
    public static DpapiTunnelFiles open(DpapiConfigStore store) throws IOException {
        store.secureDirectory();
        return new DpapiTunnelFiles(store);
    }

    @Override
    public Path directory() {
        return store.directory();
    }

    @Override
    public Path fileOf(TunnelName name) {
        return store.path(name.value());
    }

    @Override
    public Optional<TunnelName> nameOf(Path file) {
        String f = file.getFileName().toString();
        if (f.startsWith(".") || !f.endsWith(DpapiConfigStore.SUFFIX)) {
            return Optional.empty();
        }
        String n = f.substring(0, f.length() - DpapiConfigStore.SUFFIX.length());
        return TunnelName.problem(n) == null ? Optional.of(new TunnelName(n)) : Optional.empty();
    }

    @Override
    public List<TunnelName> names() throws IOException {
        return store.list().stream().map(TunnelName::new).toList();
    }

    @Override
    public boolean exists(TunnelName name) {
        return store.exists(name.value());
    }

    @Override
    public Optional<byte[]> read(TunnelName name) throws IOException {
        try {
            return Optional.of(store.load(name.value()).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(TunnelName name, String text) throws IOException {
        store.save(name.value(), text);
    }

    @Override
    public void delete(TunnelName name) throws IOException {
        if (store.exists(name.value())) {
            store.delete(name.value());
        }
    }

    /** Nothing to tighten: the file inherits the directory's protected ACL, and only DPAPI can read it anyway. */
    @Override
    public void secure(TunnelName name) {
    }

    @Override
    public void writeOwnFile(String fileName, byte[] content) throws IOException {
        store.writeOwnFile(fileName, content);
    }

    @Override
    public void removeLeftoverTempFiles() throws IOException {
        store.removeLeftoverTempFiles();
    }
}
