package dev.warren.app.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class TunnelArchiveTest {

    @Test
    void roundTripsAndKeepsOrder() throws IOException {
        Map<String, String> in = new LinkedHashMap<>();
        in.put("b", "[Interface]\n# b\n");
        in.put("a", "[Interface]\n# a\n");
        List<TunnelArchive.Entry> out = TunnelArchive.read(new ByteArrayInputStream(TunnelArchive.write(in)));
        assertEquals(List.of(new TunnelArchive.Entry("b.conf", "b", "[Interface]\n# b\n", null),
                new TunnelArchive.Entry("a.conf", "a", "[Interface]\n# a\n", null)), out);
    }

    @Test
    void pathsInEntryNamesNeverBecomePaths() throws IOException {
        byte[] zip = zip(Map.of("../../../etc/cron.d/x.conf", "a", "/abs/y.conf", "b", "C:\\win\\z.conf", "c",
                "..conf", "d"));
        List<TunnelArchive.Entry> out = TunnelArchive.read(new ByteArrayInputStream(zip));
        assertEquals(List.of("x", "y", "z"), out.stream().filter(e -> e.error() == null).map(TunnelArchive.Entry::name).sorted().toList());
        assertTrue(out.stream().anyMatch(e -> e.entry().equals("..conf") && e.error().contains("not a valid tunnel name")));
    }

    @Test
    void macFinderMetadataIsNotOfferedAsTunnels() throws IOException {
        byte[] zip = zip(new LinkedHashMap<>(Map.of("work/office.conf", "[Interface]\n",
                "__MACOSX/work/._office.conf", "\0\5\26\7Mac OS X", "._home.conf", "\0\5\26\7")));
        List<TunnelArchive.Entry> out = TunnelArchive.read(new ByteArrayInputStream(zip));
        assertEquals(List.of(new TunnelArchive.Entry("work/office.conf", "office", "[Interface]\n", null)), out);
    }

    @Test
    void aZipBombStopsAtTheLimitInsteadOfFillingMemory() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 3; i++) {
                z.putNextEntry(new ZipEntry("bomb" + i + ".conf"));
                for (int mib = 0; mib < 10; mib++) {
                    z.write(zeros);
                }
            }
        }
        assertTrue(bytes.size() < 200_000, "30 MiB of zeros compress to " + bytes.size() + " bytes");
        IOException e = assertThrows(IOException.class, () -> TunnelArchive.read(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals("the archive unpacks to more than 16 MiB", e.getMessage());
    }

    @Test
    void anOversizeEntryIsRefusedOnItsOwn() throws IOException {
        byte[] zip = zip(Map.of("big.conf", "#".repeat(TunnelArchive.MAX_ENTRY_BYTES + 1), "ok.conf", "[Interface]\n"));
        List<TunnelArchive.Entry> out = TunnelArchive.read(new ByteArrayInputStream(zip));
        assertEquals(2, out.size());
        assertTrue(out.stream().anyMatch(e -> e.name().equals("big") && e.error().startsWith("larger than 256 KiB")));
        assertTrue(out.stream().anyMatch(e -> e.name().equals("ok") && e.error() == null));
    }

    @Test
    void notAZip() {
        IOException e = assertThrows(IOException.class,
                () -> TunnelArchive.read(new ByteArrayInputStream("[Interface]\n".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("not a zip"), e.getMessage());
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toByteArray();
    }
}
