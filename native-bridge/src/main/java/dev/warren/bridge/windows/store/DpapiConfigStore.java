package dev.warren.bridge.windows.store;

import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Windows tunnel store: one DPAPI-encrypted file per tunnel, {@code <name>.conf.dpapi}, in
 * {@code %ProgramData%\Warren\Configurations}.
 *
 * <p>Each file is encrypted with machine scope ({@code CRYPTPROTECT_LOCAL_MACHINE}) and the tunnel name as the DPAPI
 * description; loading checks that the description matches the file name, so a file copied or renamed behind the
 * manager's back is refused instead of being run under the wrong name. Writes are atomic: a temporary file in the
 * same directory, flushed to disk, then {@code MoveFileEx(REPLACE_EXISTING | WRITE_THROUGH)} over the old one, so a
 * crash leaves either the old or the new file, never half of one. Plaintext byte arrays are zeroed after use.
 *
 * <p>Machine-scope DPAPI lets any local process decrypt a blob it can read, so the directories' ACL is what keeps
 * other users out: before the first write {@code Warren} and {@code Configurations} are created (or re-secured) with
 * {@link #DIRECTORY_SDDL}, full control for SYSTEM and Administrators only, inherited by every file in them and
 * protected from inheriting anything laxer from {@code %ProgramData%}.
 */
public final class DpapiConfigStore {

    public static final String SUFFIX = ".conf.dpapi";
    /** Owner and group SYSTEM; protected DACL; SYSTEM and Administrators full control, inherited by files. */
    public static final String DIRECTORY_SDDL = "O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)";
    static final int FLAGS = Dpapi.CRYPTPROTECT_UI_FORBIDDEN | Dpapi.CRYPTPROTECT_LOCAL_MACHINE;
    private static final String TEMP_SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;
    private final Dpapi dpapi;
    private final StoreFiles files;
    private boolean directorySecured;

    public DpapiConfigStore(Path directory, Dpapi dpapi, StoreFiles files) {
        this.directory = directory;
        this.dpapi = dpapi;
        this.files = files;
    }

    /** {@code %ProgramData%\Warren\Configurations}, from the process environment given. */
    public static Path defaultDirectory(Map<String, String> environment) {
        String programData = environment.get("ProgramData");
        if (programData == null || programData.isBlank()) {
            throw new IllegalStateException("%ProgramData% is not set; it is where Warren keeps its tunnels");
        }
        return Path.of(programData, "Warren", "Configurations");
    }

    public Path directory() {
        return directory;
    }

    /** The file of tunnel {@code name}. */
    public Path path(String name) {
        return directory.resolve(requireName(name) + SUFFIX);
    }

    /** Tunnel names with a stored file, sorted; files whose name is not a valid tunnel name are ignored. */
    public List<String> list() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path f : files) {
                String file = f.getFileName().toString();
                String name = file.substring(0, file.length() - SUFFIX.length());
                if (isValidName(name) && Files.isRegularFile(f)) {
                    names.add(name);
                }
            }
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    public boolean exists(String name) {
        return Files.isRegularFile(path(name));
    }

    /** Decrypts tunnel {@code name}'s wg-quick text. */
    public String load(String name) throws IOException {
        Path file = path(name);
        byte[] blob;
        try {
            blob = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no tunnel named " + name);
        }
        Dpapi.Unprotected u;
        try {
            u = dpapi.unprotect(blob, FLAGS);
        } catch (WindowsApiException e) {
            throw new IOException(file + " cannot be decrypted on this machine (it was encrypted on another one, or "
                    + "is damaged)", e);
        }
        try {
            if (!u.description().equals(name)) {
                throw new IOException(file + " holds the tunnel '" + u.description() + "', not '" + name
                        + "'; it was renamed outside Warren: rename it back or import it again");
            }
            return new String(u.plaintext(), StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(u.plaintext(), (byte) 0);
        }
    }

    /** Encrypts and stores {@code config} as tunnel {@code name}, replacing any stored version atomically. */
    public void save(String name, String config) throws IOException {
        write(name, config, true);
    }

    private void write(String name, String config, boolean replace) throws IOException {
        Path target = path(name);
        byte[] plaintext = config.getBytes(StandardCharsets.UTF_8);
        byte[] blob;
        try {
            blob = dpapi.protect(plaintext, name, FLAGS);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        try {
            replaceAtomically(target, blob, replace);
        } catch (IOException | RuntimeException e) {
            if (!replace && Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString(), null, "a tunnel named " + name
                        + " already exists");
            }
            throw e;
        }
    }

    /**
     * Stores one of the store's own small, non-secret files (such as the list of tunnels started at boot) in the
     * secured directory, replacing it atomically like a tunnel file.
     *
     * @param fileName a hidden file name ({@code .boot-start}), never a tunnel's
     */
    public void writeOwnFile(String fileName, byte[] content) throws IOException {
        if (!fileName.startsWith(".") || fileName.endsWith(TEMP_SUFFIX) || fileName.contains("/")
                || fileName.contains("\\")) {
            throw new IllegalArgumentException("the store's own file '" + fileName + "' must be a hidden plain name");
        }
        replaceAtomically(directory.resolve(fileName), content, true);
    }

    /** Deletes temporary files a crash mid-write left behind; they never hold the only copy of anything. */
    public void removeLeftoverTempFiles() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, ".*" + TEMP_SUFFIX)) {
            for (Path t : temps) {
                Files.deleteIfExists(t);
            }
        }
    }

    private void replaceAtomically(Path target, byte[] content, boolean replace) throws IOException {
        secureDirectoryOnce();
        Path temp = directory.resolve("." + HexFormat.of().formatHex(randomBytes()) + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            files.move(temp, target, replace);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Creates (or re-secures) the directories now rather than at the first write, so that nothing can be dropped
     * into a laxly protected directory before then (the manager watches it from the start).
     */
    public void secureDirectory() throws IOException {
        secureDirectoryOnce();
    }

    /**
     * Locks down {@code Warren} and {@code Configurations} (the parent too: whoever owns it could delete and replace
     * the child). A directory that is a symbolic link or junction — something another user could have planted in
     * the world-writable {@code %ProgramData%} to redirect the secrets — is refused, before and after.
     */
    private synchronized void secureDirectoryOnce() throws IOException {
        if (directorySecured) {
            return;
        }
        for (Path d : List.of(directory.getParent(), directory)) {
            refuseLink(d);
            files.secureDirectory(d, DIRECTORY_SDDL);
            refuseLink(d);
        }
        // %ProgramData% itself may legitimately be redirected; below it nothing may be. (Path.equals ignores case on
        // Windows, as NTFS does.)
        Path parent = directory.toAbsolutePath().normalize().getParent();
        Path expected = parent.getParent().toRealPath().resolve(parent.getFileName()).resolve(directory.getFileName());
        if (!directory.toRealPath().equals(expected)) {
            throw new IOException(expected + " resolves to " + directory.toRealPath()
                    + "; refusing to keep tunnels anywhere but where they belong");
        }
        directorySecured = true;
    }

    private static void refuseLink(Path d) throws IOException {
        if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes a = Files.readAttributes(d, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink() || a.isOther() || !a.isDirectory()) {
            throw new IOException(d + " is not a plain directory (a link, junction or file); refusing to keep tunnels "
                    + "there. Remove it and start the manager again");
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    public void delete(String name) throws IOException {
        Path file = path(name);
        if (!Files.deleteIfExists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no tunnel named " + name);
        }
    }

    /**
     * Renames tunnel {@code from} to {@code to}: re-encrypted under the new name (the name is the DPAPI description),
     * written without replacing anything, and only then is the old file deleted.
     */
    public void rename(String from, String to) throws IOException {
        requireName(to);
        if (from.equals(to)) {
            return;
        }
        if (exists(to) && !from.equalsIgnoreCase(to)) {
            throw new FileAlreadyExistsException(path(to).toString(), null, "a tunnel named " + to + " already exists");
        }
        String config = load(from);
        // A case-only rename is the same file on NTFS (case-insensitive): it is replaced in place, not deleted after.
        boolean caseOnly = from.equalsIgnoreCase(to);
        write(to, config, caseOnly);
        Path old = path(from);
        if (Files.exists(old) && !Files.isSameFile(old, path(to))) {
            delete(from);
        }
    }

    /** The one definition of a tunnel name, shared with the config model and the Linux store. */
    static boolean isValidName(String name) {
        return TunnelName.problem(name) == null;
    }

    static String requireName(String name) {
        String problem = TunnelName.problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("tunnel name '" + name + "': " + problem);
        }
        return name;
    }
}
