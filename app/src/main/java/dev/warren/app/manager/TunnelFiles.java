package dev.warren.app.manager;

import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the {@link ConfigStore} keeps one file per tunnel: plain wg-quick files readable by root only on Linux
 * ({@link PlainTunnelFiles}), DPAPI-encrypted files in an administrators-only directory on Windows
 * ({@link DpapiTunnelFiles}). Every write replaces its file atomically.
 */
public interface TunnelFiles {

    /** A config is a few kilobytes; anything this big dropped into the store is not one. */
    int MAX_FILE_BYTES = 1 << 20;

    /** The directory the files are in (watched for files dropped in from outside). */
    Path directory();

    /** The file of tunnel {@code name}. */
    Path fileOf(TunnelName name);

    /** The tunnel a file in the directory belongs to, if it is a tunnel file with a valid name. */
    Optional<TunnelName> nameOf(Path file);

    /** Every stored tunnel, sorted by name. */
    List<TunnelName> names() throws IOException;

    boolean exists(TunnelName name);

    /** The tunnel's wg-quick text as UTF-8 bytes, or empty if there is none. */
    Optional<byte[]> read(TunnelName name) throws IOException;

    /** Stores {@code text} as tunnel {@code name}, atomically replacing any previous version. */
    void write(TunnelName name, String text) throws IOException;

    /** Removes a tunnel's file; no error if it is already gone. */
    void delete(TunnelName name) throws IOException;

    /** Tightens the protection of a file someone dropped into the store. */
    void secure(TunnelName name) throws IOException;

    /** Stores one of the store's own small files (a hidden name such as {@code .boot-start}) atomically. */
    void writeOwnFile(String fileName, byte[] content) throws IOException;

    /** Deletes temporary files a crash mid-write left behind. */
    void removeLeftoverTempFiles() throws IOException;
}
