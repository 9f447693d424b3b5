package dev.warren.app.manager;

import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The tunnels' configs on disk: one wg-quick file {@code NAME.conf} per tunnel in a directory only root can
 * enter (0700, files 0600), plus the set of tunnels started at boot.
 *
 * <p>Every write is atomic — a temp file in the same directory is written and fsynced, renamed over the target,
 * and the directory fsynced — so a crash at any point leaves either the old or the new file, never a mix.
 * Files an administrator drops into the directory are reported to the watcher by the kernel (inotify through
 * {@link WatchService}), not found by polling.
 */
public final class ConfigStore implements AutoCloseable {
    public static final Path DEFAULT_DIR = Path.of("/var/lib/warren/tunnels");

    private static final String SUFFIX = ".conf";
    /** Hidden, so the watcher and listings never mistake it (or temp files) for a tunnel. */
    private static final String BOOT_START_FILE = ".boot-start";
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    /** A config is a few kilobytes; anything this big dropped into the store is not one. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private final Path dir;
    private WatchService watcher;

    private ConfigStore(Path dir) {
        this.dir = dir;
    }

    /** Opens the store at {@code dir}, creating it (and tightening its mode to 0700) as needed. */
    public static ConfigStore open(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs);
        Files.setPosixFilePermissions(abs, DIR_MODE);
        return new ConfigStore(abs);
    }

    public Path directory() {
        return dir;
    }

    /** The file of tunnel {@code name}. */
    public Path fileOf(TunnelName name) {
        return dir.resolve(name.value() + SUFFIX);
    }

    /** Every stored tunnel whose file name is a valid tunnel name, sorted. */
    public List<TunnelName> names() throws IOException {
        Set<TunnelName> out = new TreeSet<>(Comparator.comparing(TunnelName::value));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                nameOf(p).ifPresent(out::add);
            }
        }
        return new ArrayList<>(out);
    }

    /** The tunnel a store file belongs to, if it is one ({@code NAME.conf} with a valid name). */
    public Optional<TunnelName> nameOf(Path file) {
        String f = file.getFileName().toString();
        if (f.startsWith(".") || !f.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String n = f.substring(0, f.length() - SUFFIX.length());
        return TunnelName.problem(n) == null ? Optional.of(new TunnelName(n)) : Optional.empty();
    }

    public boolean exists(TunnelName name) {
        return Files.isRegularFile(fileOf(name));
    }

    /** The stored bytes of a tunnel, or empty if there is none. */
    public Optional<byte[]> read(TunnelName name) throws IOException {
        Path f = fileOf(name);
        try {
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new IOException(f + " is larger than " + MAX_FILE_BYTES + " bytes and cannot be a tunnel config");
            }
            return Optional.of(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Stores {@code text} (UTF-8) as tunnel {@code name}, atomically replacing any previous version. */
    public void write(TunnelName name, String text) throws IOException {
        writeAtomically(fileOf(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Removes a tunnel's file (and its boot-start mark); no error if it is already gone. */
    public void delete(TunnelName name) throws IOException {
        setBootStart(name, false);
        if (Files.deleteIfExists(fileOf(name))) {
            syncDirectory();
        }
    }

    /** Tightens a file someone dropped into the store to 0600. */
    public void restrictMode(TunnelName name) throws IOException {
        Path f = fileOf(name);
        if (!Files.getPosixFilePermissions(f).equals(FILE_MODE)) {
            Files.setPosixFilePermissions(f, FILE_MODE);
        }
    }

    /** The tunnels marked to start when the manager starts (names of deleted tunnels are left out). */
    public synchronized Set<TunnelName> bootStart() throws IOException {
        Set<TunnelName> out = new LinkedHashSet<>();
        Path f = dir.resolve(BOOT_START_FILE);
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
        writeAtomically(dir.resolve(BOOT_START_FILE), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        AtomicFiles.write(target, content, FILE_MODE);
    }

    private void syncDirectory() throws IOException {
        AtomicFiles.syncDirectory(dir);
    }

    /** Deletes temp files a crash mid-write left behind; they never hold the only copy of anything. */
    public void removeLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, AtomicFiles.TEMP_PREFIX + "*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Starts reporting changed tunnel files — written by us or dropped in by someone else, created, modified or
     * deleted — to {@code changed}, on a background thread until {@link #close()}. Overflowed event queues are
     * reported as every stored tunnel having changed.
     */
    public void watch(Consumer<TunnelName> changed) throws IOException {
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
            System.err.println("warren: watching " + dir + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
    }
}
