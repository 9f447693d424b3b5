package dev.warren.bridge.windows.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The two file operations the store needs from Windows itself. {@link JnaStoreFiles} is the real thing; the test
 * sources hold a recording fake on java.nio.
 */
public interface StoreFiles {

    /**
     * Creates {@code directory} (not its parents) with the security descriptor {@code sddl}, or, if it exists,
     * re-applies that descriptor to it ({@code CreateDirectoryW} / {@code SetFileSecurityW}), so that a directory
     * pre-created by someone else with a laxer ACL is locked down before anything secret is written into it.
     */
    void secureDirectory(Path directory, String sddl) throws IOException;

    /**
     * {@code MoveFileExW(source, target, MOVEFILE_WRITE_THROUGH [| MOVEFILE_REPLACE_EXISTING])}: an atomic rename on
     * the same volume that returns only once it is on disk. Without {@code replaceExisting} it fails if
     * {@code target} exists.
     */
    void move(Path source, Path target, boolean replaceExisting) throws IOException;
}
