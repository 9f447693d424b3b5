package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warren.app.ipc.LogEntry;
import dev.warren.app.ipc.LogPage;
import dev.warren.core.config.Key;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RingLogTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void wrapsAroundKeepingTheNewestEntries() throws IOException {
        Path file = dir.resolve("log");
        try (RingLog log = RingLog.open(file, 8, clock)) {
            for (int i = 1; i <= 20; i++) {
                log.append("manager", "line " + i);
            }
            LogPage all = log.read(0, 100);
            assertEquals(8, all.entries().size());
            assertEquals(13, all.entries().getFirst().seq());
            assertEquals("line 20", all.entries().getLast().message());
            assertEquals(21, all.next());
            assertEquals(List.of("line 19", "line 20"), messages(log.read(-1, 2)));
            assertEquals(List.of("line 15", "line 16"), messages(log.read(15, 2)));
            assertEquals(17, log.read(15, 2).next());
            assertTrue(log.read(21, 10).entries().isEmpty());
        }
        assertEquals(64 + 8 * RingLog.RECORD_SIZE, Files.size(file), "the file never grows past its ring");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void sequenceContinuesAcrossRestarts() throws IOException {
        Path file = dir.resolve("log");
        try (RingLog log = RingLog.open(file, 8, clock)) {
            for (int i = 1; i <= 11; i++) {
                log.append("wg0", "before " + i);
            }
        }
        try (RingLog log = RingLog.open(file, 8, clock)) {
            assertEquals(12, log.nextSeq());
            LogEntry e = log.append("manager", "after restart");
            assertEquals(12, e.seq());
            LogPage page = log.read(0, 100);
            assertEquals(5, page.entries().getFirst().seq());
            assertEquals("wg0", page.entries().getFirst().source());
            assertEquals(clock.millis(), page.entries().getFirst().timeMillis());
        }
    }

    @Test
    void aTornRecordIsSkippedNotShown() throws IOException {
        Path file = dir.resolve("log");
        try (RingLog log = RingLog.open(file, 8, clock)) {
            for (int i = 1; i <= 3; i++) {
                log.append("manager", "line " + i);
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("garbage".getBytes(StandardCharsets.UTF_8)), 64 + RingLog.RECORD_SIZE + 100);
        }
        try (RingLog log = RingLog.open(file, 8, clock)) {
            assertEquals(List.of("line 1", "line 3"), messages(log.read(0, 10)));
            assertEquals(4, log.nextSeq());
        }
    }

    @Test
    void keysNeverReachTheFile() throws IOException {
        Path file = dir.resolve("log");
        Key priv = Key.generatePrivate();
        Key psk = Key.generatePreshared();
        String hex = HexFormat.of().formatHex(priv.bytes());
        try (RingLog log = RingLog.open(file, 8, clock)) {
            LogEntry e = log.append("wg0", "PrivateKey = " + priv.toBase64() + " psk=" + psk.toBase64() + " uapi private_key=" + hex);
            assertFalse(e.message().contains(priv.toBase64()));
            assertEquals("PrivateKey = (key hidden) psk=(key hidden) uapi private_key=(key hidden)", e.message());
            assertEquals("a path /usr/lib/jvm/x and a short base64 abc= stay", log.append("m",
                    "a path /usr/lib/jvm/x and a short base64 abc= stay").message());
        }
        String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(priv.toBase64()) || raw.contains(psk.toBase64()) || raw.contains(hex));
    }

    @Test
    void longMessagesAreCutAtACharacterBoundary() throws IOException {
        try (RingLog log = RingLog.open(dir.resolve("log"), 8, clock)) {
            String msg = "é".repeat(400);
            LogEntry e = log.append("a-source-name-much-longer-than-thirty-two-bytes", msg);
            assertTrue(e.message().endsWith("…"));
            assertTrue(e.message().getBytes(StandardCharsets.UTF_8).length <= RingLog.MAX_MESSAGE_BYTES);
            assertEquals(e, log.read(0, 1).entries().getFirst());
            assertTrue(e.source().length() < 33);
        }
    }

    @Test
    void aForeignFileIsNotOverwritten() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "my precious notes, longer than a header would be".repeat(3));
        IOException e = assertThrows(IOException.class, () -> RingLog.open(file, 8, clock));
        assertTrue(e.getMessage().contains("not a Warren log"));
        assertTrue(Files.readString(file).startsWith("my precious notes"));
    }

    private static List<String> messages(LogPage page) {
        return page.entries().stream().map(LogEntry::message).toList();
    }
}
