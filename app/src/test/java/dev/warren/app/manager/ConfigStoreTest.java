package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.core.config.TunnelName;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {

    @TempDir
    Path dir;

    static final TunnelName A = new TunnelName("a");
    static final TunnelName B = new TunnelName("b");

    @Test
    void writesAtomicallyWithPrivateModes() throws IOException {
        Path storeDir = dir.resolve("tunnels");
        try (ConfigStore store = ConfigStore.open(storeDir)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storeDir)));
            store.write(A, "[Interface]\n# one\n");
            store.write(A, "[Interface]\n# two\n");
            assertEquals("[Interface]\n# two\n", new String(store.read(A).orElseThrow()));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.fileOf(A))));
            try (var files = Files.list(storeDir)) {
                assertEquals(List.of("a.conf"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
            }
            assertEquals(Optional.empty(), store.read(B));
        }
    }

    @Test
    void listsOnlyValidTunnelFiles() throws IOException {
        try (ConfigStore store = ConfigStore.open(dir)) {
            store.write(B, "x");
            store.write(A, "x");
            Files.writeString(dir.resolve("bad name.conf"), "x");
            Files.writeString(dir.resolve("notes.txt"), "x");
            Files.writeString(dir.resolve(".tmp-1234-a.conf"), "half written");
            assertEquals(List.of(A, B), store.names());
            store.removeLeftoverTempFiles();
            assertFalse(Files.exists(dir.resolve(".tmp-1234-a.conf")));
        }
    }

    @Test
    void bootStartMarksFollowTheTunnels() throws IOException {
        try (ConfigStore store = ConfigStore.open(dir)) {
            store.write(A, "x");
            store.write(B, "x");
            store.setBootStart(A, true);
            store.setBootStart(B, true);
            store.setBootStart(B, false);
            assertEquals(Set.of(A), store.bootStart());
            assertEquals("a\n", Files.readString(dir.resolve(".boot-start")));
            store.delete(A);
            assertEquals(Set.of(), store.bootStart());
            assertFalse(Files.exists(store.fileOf(A)));
        }
    }

    @Test
    void theWatcherReportsFilesDroppedIn() throws Exception {
        try (ConfigStore store = ConfigStore.open(dir)) {
            LinkedBlockingQueue<TunnelName> changed = new LinkedBlockingQueue<>();
            store.watch(changed::add);
            Files.writeString(dir.resolve("dropped.conf"), "[Interface]\n");
            assertEquals(new TunnelName("dropped"), changed.poll(10, TimeUnit.SECONDS));
            Files.writeString(dir.resolve("ignored.txt"), "x");
            Files.delete(dir.resolve("dropped.conf"));
            TunnelName next = changed.poll(10, TimeUnit.SECONDS);
            assertEquals(new TunnelName("dropped"), next, "the deletion is reported, the .txt is not");
            assertTrue(changed.stream().allMatch(n -> n.value().equals("dropped")));
        }
    }

    /** Whoever owns the store could plant configs whose PostUp runs as root: only the manager's own user may. */
    @Test
    void aStoreDirectoryOwnedByAnotherUserIsRefused() throws IOException {
        Path storeDir = Files.createDirectory(dir.resolve("tunnels"));
        Files.setOwner(storeDir, nobody());

        IOException e = assertThrows(IOException.class, () -> ConfigStore.open(storeDir));

        assertTrue(e.getMessage().startsWith("the config store " + storeDir + " belongs to user nobody (uid 65534), "
                + "not to the manager's user (uid 0)"), e.getMessage());
        assertEquals(Files.getOwner(storeDir), nobody(), "nothing about the directory was changed");
    }

    @Test
    void filesAnotherUserCouldHaveWrittenAreRefusedAndLeftAlone() throws IOException {
        try (ConfigStore store = ConfigStore.open(dir)) {
            store.write(A, "[Interface]\n");
            Path planted = Files.writeString(dir.resolve("planted.conf"), "[Interface]\nPostUp = evil\n");
            Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-r--r--"));
            Files.setOwner(planted, nobody());
            Path open = Files.writeString(dir.resolve("open.conf"), "[Interface]\n");
            Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-rw-r--"));
            Path link = Files.createSymbolicLink(dir.resolve("link.conf"), store.fileOf(A));

            UntrustedStoreFileException owner = assertThrows(UntrustedStoreFileException.class,
                    () -> store.read(new TunnelName("planted")));
            assertTrue(owner.getMessage().startsWith("ignoring " + planted + ": it belongs to user nobody (uid 65534), "
                    + "not to the manager's user (uid 0)"), owner.getMessage());
            UntrustedStoreFileException mode = assertThrows(UntrustedStoreFileException.class,
                    () -> store.read(new TunnelName("open")));
            assertTrue(mode.getMessage().startsWith("ignoring " + open + ": its mode rw-rw-r-- lets others change it"),
                    mode.getMessage());
            UntrustedStoreFileException notFile = assertThrows(UntrustedStoreFileException.class,
                    () -> store.read(new TunnelName("link")));
            assertTrue(notFile.getMessage().startsWith("ignoring " + link + ": it is not a regular file"),
                    notFile.getMessage());

            assertEquals("[Interface]\n", new String(store.read(A).orElseThrow()), "the manager's own file is read");
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(planted)),
                    "left as found, for an administrator to look at");
        }
    }

    static UserPrincipal nobody() throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    }
}
