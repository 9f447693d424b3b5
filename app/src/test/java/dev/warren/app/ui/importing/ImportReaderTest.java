package dev.warren.app.ui.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportReaderTest {

    private static final String CONF = "[Interface]\nPrivateKey = x\n";

    @TempDir
    Path dir;

    private static byte[] zip(Object... nameAndBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < nameAndBytes.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
                z.write((byte[]) nameAndBytes[i + 1]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aConfFileIsNamedAfterItself() throws IOException {
        Path f = Files.writeString(dir.resolve("office-2.conf"), CONF);
        ImportBatch b = ImportReader.read(List.of(f));
        assertEquals(List.of(new ImportCandidate("office-2", CONF, "office-2.conf")), b.candidates());
        assertEquals(1, b.attempted());
    }

    @Test
    void utf16WithBomAndUtf8WithBomAreDecoded() throws IOException {
        byte[] le = ("\uFEFF" + CONF).getBytes(StandardCharsets.UTF_16LE);
        assertEquals(CONF, ImportReader.decode(le));
        byte[] u8 = ("\uFEFF" + CONF).getBytes(StandardCharsets.UTF_8);
        assertEquals(CONF, ImportReader.decode(u8));
    }

    @Test
    void zipEntriesUseOnlyTheirBaseNameAndSkipEverythingButConf() throws IOException {
        byte[] c = CONF.getBytes(StandardCharsets.UTF_8);
        Path f = Files.write(dir.resolve("all.zip"), zip("../../etc/evil.conf", c, "sub/dir/b.conf", c,
                "readme.txt", c, "dir/", new byte[0]));
        ImportBatch b = ImportReader.read(f);
        assertEquals(List.of("evil", "b"), b.candidates().stream().map(ImportCandidate::name).toList());
        assertEquals("all.zip › ../../etc/evil.conf", b.candidates().getFirst().origin());
        assertEquals(List.of(), b.failures());
    }

    @Test
    void aZipBombEntryIsRefusedWithoutInflatingIt() throws IOException {
        byte[] huge = new byte[ImportReader.MAX_CONFIG_BYTES * 8];
        Path f = Files.write(dir.resolve("bomb.zip"), zip("bomb.conf", huge, "ok.conf", CONF.getBytes(StandardCharsets.UTF_8)));
        assertTrue(Files.size(f) < 100_000, "the archive itself is small");
        ImportBatch b = ImportReader.read(f);
        assertEquals(List.of("ok"), b.candidates().stream().map(ImportCandidate::name).toList());
        assertEquals(List.of(new ImportFailure("bomb.zip › bomb.conf", "larger than 256 KiB, which no tunnel config is")), b.failures());
        assertEquals(2, b.attempted());
    }

    @Test
    void badSourcesGetAReasonEach() throws IOException {
        Path txt = Files.writeString(dir.resolve("notes.txt"), "hi");
        Path empty = Files.write(dir.resolve("empty.zip"), zip("a.txt", new byte[] {1}));
        Path broken = Files.write(dir.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 9, 9, 9});
        Path binary = Files.write(dir.resolve("bin.conf"), new byte[] {(byte) 0xC3, 0x28});
        ImportBatch b = ImportReader.read(List.of(txt, empty, broken, binary));
        assertEquals(List.of("notes.txt", "empty.zip", "broken.zip", "bin.conf"),
                b.failures().stream().map(ImportFailure::origin).toList());
        assertEquals("contains no .conf files", b.failures().get(1).reason());
        assertEquals("is not text (UTF-8 or UTF-16 expected)", b.failures().get(3).reason());
        assertEquals(4, b.attempted());
    }

    @Test
    void aQrCodePictureRoundTrips() throws IOException {
        String text = CONF + "[Peer]\nPublicKey = ZZ\nAllowedIPs = 0.0.0.0/0\n";
        Path png = dir.resolve("phone.png");
        ImageIO.write(QrCode.encode(text, 4), "png", png.toFile());
        ImportBatch b = ImportReader.read(png);
        assertEquals(List.of(new ImportCandidate("phone", text, "phone.png")), b.candidates());
    }

    @Test
    void aPictureWithoutACodeSaysSo() throws IOException {
        Path png = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        assertEquals(List.of(new ImportFailure("blank.png", "contains no readable QR code")), ImportReader.read(png).failures());
    }
}
