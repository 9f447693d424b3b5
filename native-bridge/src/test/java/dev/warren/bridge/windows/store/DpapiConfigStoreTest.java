package dev.warren.bridge.windows.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.bridge.windows.CallLog;
import dev.warren.bridge.windows.WindowsApiException;
import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpapiConfigStoreTest {

    private static final String CONFIG = "[Interface]\nPrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\n"
            + "Address = 10.0.0.2/24\n";

    @TempDir
    Path dir;
    private final FakeDpapi dpapi = new FakeDpapi();
    private final CallLog moves = new CallLog();
    private final StoreFiles files = new StoreFiles() {
        @Override
        public void secureDirectory(Path directory, String sddl) throws IOException {
            moves.add("CreateDirectoryW", directory.getFileName(), sddl);
            if (!Files.isDirectory(directory)) {
                Files.createDirectory(directory);
            }
        }

        @Override
        public void move(Path source, Path target, boolean replace) throws IOException {
            moves.add("MoveFileExW", source.getFileName(), target.getFileName(),
                    replace ? "REPLACE_EXISTING|WRITE_THROUGH" : "WRITE_THROUGH");
            if (replace) {
                Files.move(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(source, target);
            }
        }
    };

    private DpapiConfigStore store() {
        return new DpapiConfigStore(dir.resolve("Warren/Configurations"), dpapi, files);
    }

    @Test
    void saveEncryptsWithMachineScopeAndTheNameAsDescriptionThenLoadsBack() throws Exception {
        DpapiConfigStore store = store();
        store.save("office", CONFIG);
        Path file = dir.resolve("Warren/Configurations/office.conf.dpapi");
        assertTrue(Files.isRegularFile(file));
        assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("PrivateKey"),
                "nothing readable on disk");
        assertEquals(List.of("CryptProtectData(office, flags=0x5, " + CONFIG.length() + " bytes)"), dpapi.log.calls());
        assertArrayEquals(new byte[CONFIG.length()], dpapi.lastPlaintextSeen, "plaintext bytes zeroed after use");
        assertEquals(3, moves.calls().size());
        assertEquals(List.of("CreateDirectoryW(Warren, O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA))",
                "CreateDirectoryW(Configurations, O:SYG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA))"),
                moves.calls().subList(0, 2), "both directories are locked down to SYSTEM and Administrators first");
        assertTrue(moves.calls().get(2).matches(
                "MoveFileExW\\(\\.[0-9a-f]{32}\\.tmp, office\\.conf\\.dpapi, REPLACE_EXISTING\\|WRITE_THROUGH\\)"),
                moves.calls().get(2));
        store.save("home", CONFIG);
        assertEquals(2, moves.callsTo("CreateDirectoryW").size(), "secured once per store");
        assertEquals(CONFIG, store.load("office"));
        assertEquals("CryptUnprotectData(flags=0x5, " + Files.size(file) + " bytes)", dpapi.log.calls().getLast());
        try (var files = Files.list(dir.resolve("Warren/Configurations"))) {
            assertEquals(List.of("home.conf.dpapi", "office.conf.dpapi"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file left");
        }
    }

    @Test
    void aConfigurationsDirectoryThatIsALinkIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.createDirectory(dir.resolve("Warren"));
        Files.createSymbolicLink(dir.resolve("Warren/Configurations"), elsewhere);
        var e = assertThrows(IOException.class, () -> store().save("office", CONFIG));
        assertTrue(e.getMessage().endsWith("Configurations is not a plain directory (a link, junction or file); "
                + "refusing to keep tunnels there. Remove it and start the manager again"), e.getMessage());
        assertEquals(List.of(), moves.callsTo("MoveFileExW"));
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "nothing landed where the link points");
        }
    }

    @Test
    void listsValidNamesSortedAndIgnoresEverythingElse() throws Exception {
        DpapiConfigStore store = store();
        assertEquals(List.of(), store.list(), "no directory yet is an empty store");
        assertEquals(List.of(), moves.calls(), "listing creates nothing");
        store.save("zeta", CONFIG);
        store.save("Alpha", CONFIG);
        store.save("mid.dle", CONFIG);
        Path d = dir.resolve("Warren/Configurations");
        Files.writeString(d.resolve("notes.txt"), "x");
        Files.writeString(d.resolve("has space.conf.dpapi"), "x");
        Files.writeString(d.resolve("office.conf"), "x");
        assertEquals(List.of("Alpha", "mid.dle", "zeta"), store.list());
    }

    @Test
    void aFileRenamedBehindTheManagersBackIsRefused() throws Exception {
        DpapiConfigStore store = store();
        store.save("office", CONFIG);
        Path d = dir.resolve("Warren/Configurations");
        Files.move(d.resolve("office.conf.dpapi"), d.resolve("home.conf.dpapi"));
        var e = assertThrows(IOException.class, () -> store.load("home"));
        assertTrue(e.getMessage().endsWith("holds the tunnel 'office', not 'home'; it was renamed outside Warren: "
                + "rename it back or import it again"), e.getMessage());
    }

    @Test
    void undecryptableAndMissingFilesGetClearErrors() throws Exception {
        DpapiConfigStore store = store();
        Files.createDirectories(dir.resolve("Warren/Configurations"));
        Files.writeString(dir.resolve("Warren/Configurations/office.conf.dpapi"), "garbage");
        var e = assertThrows(IOException.class, () -> store.load("office"));
        assertTrue(e.getMessage().endsWith("office.conf.dpapi cannot be decrypted on this machine (it was encrypted "
                + "on another one, or is damaged)"), e.getMessage());
        var missing = assertThrows(NoSuchFileException.class, () -> store.load("nope"));
        assertTrue(missing.getMessage().contains("no tunnel named nope"), missing.getMessage());
    }

    @Test
    void renameReencryptsUnderTheNewNameWithoutReplacingAndDeletesTheOld() throws Exception {
        DpapiConfigStore store = store();
        store.save("office", CONFIG);
        store.save("home", CONFIG + "# home\n");
        dpapi.log.clear();
        moves.clear();
        store.rename("office", "work");
        assertEquals(List.of("home", "work"), store.list());
        assertEquals(CONFIG, store.load("work"));
        assertEquals("CryptProtectData(work, flags=0x5, " + CONFIG.length() + " bytes)", dpapi.log.calls().get(1));
        assertTrue(moves.calls().getFirst().endsWith(", work.conf.dpapi, WRITE_THROUGH)"), moves.calls().getFirst());
        var e = assertThrows(FileAlreadyExistsException.class, () -> store.rename("work", "home"));
        assertTrue(e.getMessage().contains("a tunnel named home already exists"), e.getMessage());
        assertEquals(CONFIG + "# home\n", store.load("home"), "the existing tunnel is untouched");
        assertEquals(CONFIG, store.load("work"));
    }

    @Test
    void deleteRemovesTheFileAndSaysWhenThereIsNone() throws Exception {
        DpapiConfigStore store = store();
        store.save("office", CONFIG);
        store.delete("office");
        assertEquals(List.of(), store.list());
        assertThrows(NoSuchFileException.class, () -> store.delete("office"));
    }

    @Test
    void namesThatAreNotTunnelNamesOrAreDeviceNamesAreRefused() {
        DpapiConfigStore store = store();
        for (String bad : new String[] {"", "a/b", "..\\x", "with space", "CON", "nul.backup", "com1",
                "123456789012345678901234567890123"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> store.save(bad, CONFIG), bad);
            assertEquals("tunnel name '" + bad + "': " + TunnelName.problem(bad), e.getMessage(),
                    "the config model's TunnelName decides");
        }
        assertEquals(List.of(), dpapi.log.calls());
    }

    @Test
    void theStoresOwnFilesAreWrittenAtomicallyInTheSecuredDirectoryAndTempFilesAreSweptAway() throws Exception {
        DpapiConfigStore store = store();
        store.writeOwnFile(".boot-start", "office\n".getBytes(StandardCharsets.UTF_8));
        Path d = dir.resolve("Warren/Configurations");
        assertEquals("office\n", Files.readString(d.resolve(".boot-start")));
        assertEquals(List.of("CreateDirectoryW(Warren, " + DpapiConfigStore.DIRECTORY_SDDL + ")",
                "CreateDirectoryW(Configurations, " + DpapiConfigStore.DIRECTORY_SDDL + ")"), moves.callsTo("CreateDirectoryW"));
        assertTrue(moves.calls().getLast().endsWith(".boot-start, REPLACE_EXISTING|WRITE_THROUGH)"), moves.calls().getLast());
        assertEquals(List.of(), dpapi.log.calls(), "not encrypted: it holds no secret");
        assertThrows(IllegalArgumentException.class, () -> store.writeOwnFile("office.conf.dpapi", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> store.writeOwnFile(".x\\..\\y", new byte[0]));
        Files.writeString(d.resolve(".0123abcd.tmp"), "half a blob");
        store.removeLeftoverTempFiles();
        assertFalse(Files.exists(d.resolve(".0123abcd.tmp")));
        assertTrue(Files.exists(d.resolve(".boot-start")));
    }

    @Test
    void defaultDirectoryIsUnderProgramData() {
        assertEquals(Path.of("C:\\ProgramData", "Warren", "Configurations"),
                DpapiConfigStore.defaultDirectory(Map.of("ProgramData", "C:\\ProgramData")));
        assertThrows(IllegalStateException.class, () -> DpapiConfigStore.defaultDirectory(Map.of()));
    }
}
