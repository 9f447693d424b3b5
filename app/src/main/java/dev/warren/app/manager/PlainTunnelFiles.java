package dev.warren.app.manager;

import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Linux store: one wg-quick file {@code NAME.conf} per tunnel in a directory only root can enter (0700, files
 * 0600). Every write is atomic — a temp file in the same directory is written and fsynced, renamed over the target,
 * and the directory fsynced — so a crash at any point leaves either the old or the new file, never a mix.
 */
public final class PlainTunnelFiles implements TunnelFiles {

    private static final String SUFFIX = ".conf";
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    private PlainTunnelFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens the store at {@code dir}, creating it (and tightening its mode to 0700) as needed. A directory owned by
     * another user is refused: that user could put configs in it whose scripts the manager would run as root.
     */
    public static PlainTunnelFiles open(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Files.createDirectories(abs);
        int owner = (Integer) Files.getAttribute(abs, "unix:uid");
        if (owner != ownUid()) {
            throw new IOException("the config store " + abs + " belongs to " + describeOwner(abs, owner)
                    + ", not to the manager's user (uid " + ownUid() + "); that user could add tunnels whose scripts "
                    + "run as root. Give the directory to the manager's user (chown) or choose another --store");
        }
        Files.setPosixFilePermissions(abs, DIR_MODE);
        return new PlainTunnelFiles(abs);
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public Path fileOf(TunnelName name) {
        return dir.resolve(name.value() + SUFFIX);
    }

    @Override
    public Optional<TunnelName> nameOf(Path file) {
        String f = file.getFileName().toString();
        if (f.startsWith(".") || !f.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String n = f.substring(0, f.length() - SUFFIX.length());
        return TunnelName.problem(n) == null ? Optional.of(new TunnelName(n)) : Optional.empty();
    }

    @Override
    public List<TunnelName> names() throws IOException {
        Set<TunnelName> out = new TreeSet<>(Comparator.comparing(TunnelName::value));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                nameOf(p).ifPresent(out::add);
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public boolean exists(TunnelName name) {
        return Files.isRegularFile(fileOf(name));
    }

    /**
     * Also refuses ({@link UntrustedStoreFileException}) a file another user could have written: one owned by someone
     * else, writable by group or others, or not a regular file (a symbolic link may point anywhere). Such a file is
     * not tightened to 0600 either: the manager leaves it alone for an administrator to look at.
     */
    @Override
    public Optional<byte[]> read(TunnelName name) throws IOException {
        Path f = fileOf(name);
        try {
            checkTrusted(f);
            if (Files.size(f) > MAX_FILE_BYTES) {
                throw new IOException(f + " is larger than " + MAX_FILE_BYTES + " bytes and cannot be a tunnel config");
            }
            return Optional.of(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static void checkTrusted(Path f) throws IOException {
        PosixFileAttributes a = Files.readAttributes(f, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
            throw new UntrustedStoreFileException("ignoring " + f + ": it is not a regular file (a link or a device "
                    + "could lead anywhere); put the config itself there");
        }
        int owner = (Integer) Files.getAttribute(f, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != ownUid()) {
            throw new UntrustedStoreFileException("ignoring " + f + ": it belongs to " + describeOwner(f, owner)
                    + ", not to the manager's user (uid " + ownUid() + "), and its scripts would run as root; "
                    + "an administrator must check it and chown it");
        }
        if (a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || a.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new UntrustedStoreFileException("ignoring " + f + ": its mode "
                    + PosixFilePermissions.toString(a.permissions()) + " lets others change it, and its scripts "
                    + "would run as root; an administrator must check it and chmod it to 600");
        }
    }

    /** The effective uid: the process's /proc directory belongs to it. */
    private static int ownUid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private static String describeOwner(Path p, int uid) {
        try {
            return "user " + Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName() + " (uid " + uid + ")";
        } catch (IOException e) {
            return "uid " + uid;
        }
    }

    @Override
    public void write(TunnelName name, String text) throws IOException {
        AtomicFiles.write(fileOf(name), text.getBytes(StandardCharsets.UTF_8), FILE_MODE);
    }

    @Override
    public void delete(TunnelName name) throws IOException {
        if (Files.deleteIfExists(fileOf(name))) {
            AtomicFiles.syncDirectory(dir);
        }
    }

    /** Mode 0600. */
    @Override
    public void secure(TunnelName name) throws IOException {
        Path f = fileOf(name);
        if (!Files.getPosixFilePermissions(f).equals(FILE_MODE)) {
            Files.setPosixFilePermissions(f, FILE_MODE);
        }
    }

    @Override
    public void writeOwnFile(String fileName, byte[] content) throws IOException {
        AtomicFiles.write(dir.resolve(fileName), content, FILE_MODE);
    }

    @Override
    public void removeLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, AtomicFiles.TEMP_PREFIX + "*")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        }
    }
}
