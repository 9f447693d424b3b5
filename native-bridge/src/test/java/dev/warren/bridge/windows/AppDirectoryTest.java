package dev.warren.bridge.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppDirectoryTest {

    @Test
    void theJpackageLaunchersDirectoryWins() {
        assertEquals(Optional.of(Path.of("/opt/Warren")),
                AppDirectory.locate("/opt/Warren/Warren.exe", "/opt/Warren/app/warren.jar"));
    }

    @Test
    void elseTheDirectoryOfTheOneJarJavaRan() {
        assertEquals(Optional.of(Path.of("/opt/warren/target")), AppDirectory.locate(null, "/opt/warren/target/warren.jar"));
        assertEquals(Optional.of(Path.of("/opt/warren/target")), AppDirectory.locate("", "/opt/warren/target/Warren.JAR"));
    }

    @Test
    void aClassPathOfSeveralEntriesOrClassDirectoriesIsNoInstallation() {
        assertEquals(Optional.empty(), AppDirectory.locate(null, "/a/warren.jar" + java.io.File.pathSeparator + "/b/x.jar"));
        assertEquals(Optional.empty(), AppDirectory.locate(null, "/src/warren/app/target/classes"));
        assertEquals(Optional.empty(), AppDirectory.locate(null, null));
    }
}
