package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.store.DpapiConfigStore;
import dev.warren.bridge.windows.store.FakeDpapi;
import dev.warren.bridge.windows.store.StoreFiles;
import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager's {@link ConfigStore} on the Windows files: the real {@link DpapiConfigStore} with the reversible DPAPI
 * fake and the directory/move calls recorded, so the store's behaviour (names, round trip, boot list, delete) is the
 * Linux one while every tunnel file on disk is a DPAPI blob.
 */
class DpapiTunnelFilesTest {

    private static final String CONFIG = "[Interface]\nPrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\n";
    private static final TunnelName OFFICE = new TunnelName("office");

    @TempDir
    Path dir;
    private final FakeDpapi dpapi = new FakeDpapi();
    private final CallLog fileCalls = new CallLog();
    private final StoreFiles storeFiles = new StoreFiles() {
        @Override
        public void secureDirectory(Path directory, String sddl) throws IOException {
            fileCalls.add("CreateDirectoryW", directory.getFileName(), sddl);
            Files.createDirectories(directory);
        }

        @Override
        public void move(Path source, Path target, boolean replace) throws IOException {
            fileCalls.add("MoveFileExW", target.getFileName(), replace);
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    };

    @Test
    void theStoreRoundTripsThroughDpapiAndKeepsItsBootListBesideTheBlobs() throws Exception {
        Path configurations = dir.resolve("Warren/Configurations");
        DpapiTunnelFiles files = DpapiTunnelFiles.open(new DpapiConfigStore(configurations, dpapi, storeFiles));
        assertEquals(List.of("CreateDirectoryW(Warren, " + DpapiConfigStore.DIRECTORY_SDDL + ")",
                "CreateDirectoryW(Configurations, " + DpapiConfigStore.DIRECTORY_SDDL + ")"), fileCalls.calls(),
                "secured before anything can be watched or written");
        try (ConfigStore store = ConfigStore.open(files)) {
            store.write(OFFICE, CONFIG);
            store.setBootStart(OFFICE, true);
            assertEquals(List.of(OFFICE), store.names());
            assertEquals(CONFIG, new String(store.read(OFFICE).orElseThrow(), StandardCharsets.UTF_8));
            assertEquals(Set.of(OFFICE), store.bootStart());
            Path blob = configurations.resolve("office.conf.dpapi");
            assertEquals(blob, store.fileOf(OFFICE));
            assertFalse(Files.readString(blob, StandardCharsets.ISO_8859_1).contains("PrivateKey"), "encrypted on disk");
            assertEquals(Optional.of(OFFICE), store.nameOf(Path.of("office.conf.dpapi")));
            assertEquals(Optional.empty(), store.nameOf(Path.of("office.conf")), "a plain file is not a Windows tunnel");
            assertEquals(Optional.empty(), store.nameOf(Path.of(".boot-start")));
            assertEquals(Optional.empty(), store.read(new TunnelName("home")));

            store.delete(OFFICE);
            store.delete(OFFICE);
            assertEquals(List.of(), store.names());
            assertEquals(Set.of(), store.bootStart());
            assertTrue(Files.exists(configurations.resolve(".boot-start")));
        }
        assertEquals(List.of("CryptProtectData(office, flags=0x5, " + CONFIG.length() + " bytes)"),
                dpapi.log.callsTo("CryptProtectData"));
    }
}
