package dev.warren.bridge.windows;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Warren is installed, which is where {@code wintun.dll} ships. A DLL that a LocalSystem service loads must come
 * from a directory only administrators can write, never from the working directory or {@code PATH}, so this is
 * found from how the process was started and never guessed:
 * <ol>
 *   <li>the jpackage launcher ({@code Warren.exe}) sets {@code jpackage.app-path} to its own path: its directory;</li>
 *   <li>{@code java -jar ...\warren.jar} has that one jar as its class path: the jar's directory.</li>
 * </ol>
 */
final class AppDirectory {

    private AppDirectory() {
    }

    /**
     * @param jpackageAppPath the {@code jpackage.app-path} property, or null
     * @param classPath the {@code java.class.path} property
     */
    static Optional<Path> locate(String jpackageAppPath, String classPath) {
        if (jpackageAppPath != null && !jpackageAppPath.isBlank()) {
            return Optional.ofNullable(Path.of(jpackageAppPath).toAbsolutePath().getParent());
        }
        if (classPath != null && classPath.toLowerCase(Locale.ROOT).endsWith(".jar")
                && !classPath.contains(File.pathSeparator)) {
            return Optional.ofNullable(Path.of(classPath).toAbsolutePath().getParent());
        }
        return Optional.empty();
    }

    /** The directory of the running Warren, or a message saying how to run it so that there is one. */
    static Path ofRunningProcess() {
        return locate(System.getProperty("jpackage.app-path"), System.getProperty("java.class.path"))
                .orElseThrow(() -> new IllegalStateException("cannot tell where Warren is installed (and so where "
                        + "wintun.dll is): run it as Warren.exe or with 'java -jar <dir>\\warren.jar'"));
    }
}
