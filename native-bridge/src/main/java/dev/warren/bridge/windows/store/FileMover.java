package dev.warren.bridge.windows.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one file operation the store needs from Windows itself. {@link JnaFileMover} is the real thing; the test
 * sources hold a recording fake that moves with java.nio.
 */
public interface FileMover {

    /**
     * {@code MoveFileExW(source, target, MOVEFILE_WRITE_THROUGH [| MOVEFILE_REPLACE_EXISTING])}: an atomic rename on
     * the same volume that returns only once it is on disk. Without {@code replaceExisting} it fails if
     * {@code target} exists.
     */
    void move(Path source, Path target, boolean replaceExisting) throws IOException;
}
