package dev.warren.app.manager;

import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The tunnels' configs on disk, one file per tunnel kept by {@link TunnelFiles} (plain 0600 files on Linux,
 * DPAPI-encrypted ones on Windows), plus the set of tunnels started at boot.
 *
 * <p>Every write is atomic, so a crash at any point leaves either the old or the new file, never a mix. Files an
 * administrator drops into the directory are reported to the watcher by the OS (inotify, or
 * {@code ReadDirectoryChangesW} on Windows, through {@link WatchService}), not found by polling.
 */
public final class ConfigStore implements AutoCloseable {
    public static final Path DEFAULT_DIR = Path.of("/var/lib/warren/tunnels");

    /** Hidden, so the watcher and listings never mistake it (or temp files) for a tunnel. */
    private static final String BOOT_START_FILE = ".boot-start";

    private final TunnelFiles files;
    private WatchService watcher;

    private ConfigStore(TunnelFiles files) {
        this.files = files;
    }

    /** The Linux store at {@code dir}: plain files, the directory created (and tightened to 0700) as needed. */
    public static ConfigStore open(Path dir) throws IOException {
        return open(PlainTunnelFiles.open(dir));
    }

    public static ConfigStore open(TunnelFiles files) {
        return new ConfigStore(files);
    }

    public Path directory() {
        return files.directory();
    }

    /** The file of tunnel {@code name}. */
    public Path fileOf(TunnelName name) {
        return files.fileOf(name);
    }

    /** Every stored tunnel whose file name is a valid tunnel name, sorted. */
    public List<TunnelName> names() throws IOException {
        return files.names();
    }

    /** The tunnel a store file belongs to, if it is one. */
    public Optional<TunnelName> nameOf(Path file) {
        return files.nameOf(file);
    }

    public boolean exists(TunnelName name) {
        return files.exists(name);
    }

    /** The stored text of a tunnel as UTF-8 bytes, or empty if there is none. */
    public Optional<byte[]> read(TunnelName name) throws IOException {
        return files.read(name);
    }

    /** Stores {@code text} as tunnel {@code name}, atomically replacing any previous version. */
    public void write(TunnelName name, String text) throws IOException {
        files.write(name, text);
    }

    /** Removes a tunnel's file (and its boot-start mark); no error if it is already gone. */
    public void delete(TunnelName name) throws IOException {
        setBootStart(name, false);
        files.delete(name);
    }

    /** Tightens a file someone dropped into the store (mode 0600 on Linux). */
    public void restrictMode(TunnelName name) throws IOException {
        files.secure(name);
    }

    /** The tunnels marked to start when the manager starts (names of deleted tunnels are left out). */
    public synchronized Set<TunnelName> bootStart() throws IOException {
        Set<TunnelName> out = new LinkedHashSet<>();
        Path f = files.directory().resolve(BOOT_START_FILE);
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            String n = line.strip();
            if (TunnelName.problem(n) == null && exists(new TunnelName(n))) {
                out.add(new TunnelName(n));
            }
        }
        return out;
    }

    /** Marks or unmarks a tunnel for starting at boot; the list is rewritten atomically. */
    public synchronized void setBootStart(TunnelName name, boolean enabled) throws IOException {
        Set<TunnelName> marks = bootStart();
        if (enabled ? !marks.add(name) : !marks.remove(name)) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        marks.forEach(n -> sb.append(n.value()).append('\n'));
        files.writeOwnFile(BOOT_START_FILE, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Deletes temp files a crash mid-write left behind; they never hold the only copy of anything. */
    public void removeLeftoverTempFiles() throws IOException {
        files.removeLeftoverTempFiles();
    }

    /**
     * Starts reporting changed tunnel files — written by us or dropped in by someone else, created, modified or
     * deleted — to {@code changed}, on a background thread until {@link #close()}. Overflowed event queues are
     * reported as every stored tunnel having changed.
     */
    public void watch(Consumer<TunnelName> changed) throws IOException {
        Path dir = files.directory();
        watcher = dir.getFileSystem().newWatchService();
        dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        Thread.ofPlatform().daemon().name("store-watch").start(() -> watchLoop(changed));
    }

    private void watchLoop(Consumer<TunnelName> changed) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> ev : key.pollEvents()) {
                    if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                        names().forEach(changed);
                    } else if (ev.context() instanceof Path p) {
                        nameOf(p).ifPresent(changed);
                    }
                }
                if (!key.reset()) {
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // close() ends the watch.
        } catch (IOException e) {
            System.err.println("warren: watching " + files.directory() + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }
}
