package dev.warren.app.ui.importing;

import dev.warren.app.manager.TunnelArchive;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Reads what the user chose to import — {@code .conf} files, {@code .zip} archives of them, pictures of QR codes,
 * pasted text — into named configs, without storing anything. Archives go through {@link TunnelArchive}, which
 * uses only the base name of each entry (nothing is ever extracted, so "zip slip" has nowhere to write) and
 * counts inflated bytes itself, so a zip bomb stops at its limits. Does file I/O: never call it on the event
 * dispatch thread.
 */
public final class ImportReader {

    /** The same bound the manager's archive reader applies to one config; guards memory against a hostile file. */
    public static final int MAX_CONFIG_BYTES = TunnelArchive.MAX_ENTRY_BYTES;
    /** Pictures larger than this are not QR codes anyone photographed of a config. */
    private static final long MAX_IMAGE_BYTES = 32L << 20;

    private ImportReader() {
    }

    public static ImportBatch read(List<Path> files) {
        ImportBatch all = ImportBatch.of(List.of());
        for (Path f : files) {
            all = all.plus(read(f));
        }
        return all;
    }

    public static ImportBatch read(Path file) {
        String origin = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String lower = origin.toLowerCase(Locale.ROOT);
        try {
            if (Files.isDirectory(file)) {
                return ImportBatch.failed(origin, "is a folder; choose the .conf or .zip files inside it");
            }
            if (lower.endsWith(".conf")) {
                if (Files.size(file) > MAX_CONFIG_BYTES) {
                    return ImportBatch.failed(origin, "is larger than " + MAX_CONFIG_BYTES / 1024 + " KiB, too large for a tunnel config");
                }
                return ImportBatch.of(List.of(new ImportCandidate(nameOf(origin), decode(Files.readAllBytes(file)), origin)));
            }
            if (lower.endsWith(".zip")) {
                try (InputStream in = Files.newInputStream(file)) {
                    return readZip(in, origin);
                }
            }
            if (lower.endsWith(".png") || lower.endsWith(".jpg") || lower.endsWith(".jpeg") || lower.endsWith(".gif")
                    || lower.endsWith(".bmp")) {
                return readQrImage(file, origin);
            }
            return ImportBatch.failed(origin, "is not a .conf file, a .zip of .conf files or a QR code picture");
        } catch (CharacterCodingException e) {
            return ImportBatch.failed(origin, "is not text (UTF-8 or UTF-16 expected)");
        } catch (IOException e) {
            return ImportBatch.failed(origin, "could not be read: " + e.getMessage());
        }
    }

    /**
     * Every {@code .conf} in the archive, read by the same hostile-archive-safe reader the manager's CLI uses;
     * archives inside archives are not opened.
     */
    static ImportBatch readZip(InputStream in, String origin) {
        List<TunnelArchive.Entry> entries;
        try {
            entries = TunnelArchive.read(in);
        } catch (IOException e) {
            return ImportBatch.failed(origin, e.getMessage());
        }
        List<ImportCandidate> found = new ArrayList<>();
        List<ImportFailure> failed = new ArrayList<>();
        for (TunnelArchive.Entry e : entries) {
            String entryOrigin = origin + " › " + e.entry();
            if (e.error() != null) {
                failed.add(new ImportFailure(entryOrigin, e.error()));
            } else {
                found.add(new ImportCandidate(e.name(), e.text(), entryOrigin));
            }
        }
        if (found.isEmpty() && failed.isEmpty()) {
            failed.add(new ImportFailure(origin, "contains no .conf files"));
        }
        return new ImportBatch(found, failed);
    }

    private static ImportBatch readQrImage(BufferedImage image, String origin, String name) {
        return QrCode.decode(image)
                .map(text -> ImportBatch.of(List.of(new ImportCandidate(name, text, origin))))
                .orElseGet(() -> ImportBatch.failed(origin, "contains no readable QR code"));
    }

    private static ImportBatch readQrImage(Path file, String origin) throws IOException {
        if (Files.size(file) > MAX_IMAGE_BYTES) {
            return ImportBatch.failed(origin, "is too large for a QR code picture");
        }
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            return ImportBatch.failed(origin, "is not a picture this system can read");
        }
        return readQrImage(image, origin, nameOf(origin));
    }

    /** The tunnel name a file suggests: its base name without the extension. */
    public static String nameOf(String fileName) {
        String base = baseName(fileName);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String baseName(String entryName) {
        String n = entryName.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** UTF-8 (with or without BOM) or UTF-16 with a BOM, as wg-quick files written on Windows often are. */
    static String decode(byte[] b) throws CharacterCodingException {
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return strict(b, 2, StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return strict(b, 2, StandardCharsets.UTF_16LE);
        }
        int skip = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
        return strict(b, skip, StandardCharsets.UTF_8);
    }

    private static String strict(byte[] b, int offset, Charset cs) throws CharacterCodingException {
        return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(b, offset, b.length - offset)).toString();
    }
}
